package dev.messenger.server.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL on 127.0.0.1:5432 for the migrate tests: without it they are skipped with the
 * reason printed, except under CI ({@code CI=true}), where they fail.
 */
final class PostgresForTests {
  private PostgresForTests() {}

  static void require() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
    } catch (IOException e) {
      String missing = "PostgreSQL not reachable on 127.0.0.1:5432";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(missing + " (CI requires it; .ci/run starts it)");
      }
      System.out.println("SKIPPED migrate tests: " + missing);
      Assumptions.assumeTrue(false, missing);
    }
  }
}
