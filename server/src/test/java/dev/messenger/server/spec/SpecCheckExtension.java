package dev.messenger.server.spec;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which an HTTP answer or server frame did not match docs/openapi.json or
 * docs/asyncapi.json (problems found by {@link SpecTap}). Registered for every test of the module
 * through JUnit's extension auto-detection (META-INF/services, enabled in the surefire
 * configuration). Problems left over from an earlier test are dropped before each test.
 */
public final class SpecCheckExtension implements BeforeEachCallback, AfterEachCallback {
  @Override
  public void beforeEach(ExtensionContext context) {
    SpecTap.drain();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> problems = SpecTap.drain();
    if (!problems.isEmpty()) {
      throw new AssertionError(
          problems.size()
              + " exchange(s) drift from docs/openapi.json or docs/asyncapi.json:\n  "
              + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
    }
  }
}
