package dev.messenger.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the edge (docs/architecture.md): the chat session and the codec know no socket or
 * HTTP library, and nothing but the transport and the composition root knows the chat session's
 * transport adapter.
 */
class EdgeLayersTest {
  private static JavaClasses server;

  @BeforeAll
  static void importServer() {
    server =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.messenger.server");
  }

  @Test
  void chatSessionAndCodec_knowNoSocketOrHttpLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.messenger.server.chat..", "dev.messenger.server.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "io.netty..")
        .check(server);
  }

  @Test
  void theChatSession_doesNotReachBackIntoTheTransportOrTheHttpApi() {
    noClasses()
        .that()
        .resideInAPackage("dev.messenger.server.chat..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.messenger.server.ws..", "dev.messenger.server.http..")
        .check(server);
  }

  @Test
  void theCodec_dependsOnNoEdgeLayerAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("dev.messenger.server.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.messenger.server.chat..",
            "dev.messenger.server.ws..",
            "dev.messenger.server.http..")
        .check(server);
  }
}
