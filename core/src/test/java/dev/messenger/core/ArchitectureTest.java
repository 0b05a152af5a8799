package dev.messenger.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code core}'s main code: its feature packages depend on each other without cycles,
 * and the shared values in {@code model} depend on no feature.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.messenger.core");
  }

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("dev.messenger.core.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void model_dependsOnNoFeaturePackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.messenger.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.messenger.core.accounts..",
            "dev.messenger.core.bus..",
            "dev.messenger.core.conversations..",
            "dev.messenger.core.media..",
            "dev.messenger.core.messaging..",
            "dev.messenger.core.presence..",
            "dev.messenger.core.push..",
            "dev.messenger.core.receipts..",
            "dev.messenger.core.store..",
            "dev.messenger.core.typing..")
        .check(core);
  }
}
