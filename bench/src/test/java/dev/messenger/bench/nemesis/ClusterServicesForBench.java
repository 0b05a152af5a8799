package dev.messenger.bench.nemesis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the cluster scenario tests need on this machine: the shared PostgreSQL (127.0.0.1:5432) and
 * NATS (127.0.0.1:4222), or the {@code nats-server} and PostgreSQL binaries for the tests that
 * start (and kill) their own. Missing: skipped with the reason printed, except under CI ({@code
 * CI=true}), where the test fails.
 */
final class ClusterServicesForBench {
  static final String NATS = "nats://127.0.0.1:4222";

  private ClusterServicesForBench() {}

  static void requireSharedServices() {
    if (!listening(5432)) {
      missing("PostgreSQL not reachable on 127.0.0.1:5432");
    }
    if (!listening(4222)) {
      missing("NATS not reachable on 127.0.0.1:4222");
    }
  }

  static void requireBinaries() {
    if (!Files.isExecutable(Path.of("/usr/sbin/nats-server"))
        && !Files.isExecutable(Path.of("/usr/bin/nats-server"))) {
      missing("nats-server is not installed");
    }
    if (!Files.isDirectory(Path.of("/usr/lib/postgresql"))) {
      missing("PostgreSQL binaries are not installed in /usr/lib/postgresql");
    }
  }

  /** Creates an empty database on the shared PostgreSQL and answers its JDBC URL. */
  static String newDatabase() throws Exception {
    String name = "msg_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name;
  }

  static void dropDatabase(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (Exception e) {
      System.out.println("could not drop " + name + ": " + e.getMessage());
    }
  }

  private static void missing(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI requires it)");
    }
    System.out.println("SKIPPED cluster scenario: " + reason);
    Assumptions.assumeTrue(false, reason);
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
