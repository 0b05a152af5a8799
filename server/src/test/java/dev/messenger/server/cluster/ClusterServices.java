package dev.messenger.server.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL and NATS on this machine for cluster tests: a fresh database per test class,
 * and, for tests that restart NATS, a private nats-server process. Without the services the tests
 * are skipped with the reason printed, except under CI ({@code CI=true}), where they fail.
 */
public final class ClusterServices {
  public static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  public static final String NATS = "nats://127.0.0.1:4222";

  private ClusterServices() {}

  /** Skips (or, under CI, fails) the test unless PostgreSQL and NATS answer on 127.0.0.1. */
  public static void require() {
    String missing = null;
    if (!listening(5432)) {
      missing = "PostgreSQL not reachable on 127.0.0.1:5432";
    } else if (!listening(4222)) {
      missing = "NATS not reachable on 127.0.0.1:4222";
    }
    if (missing != null) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(missing + " (CI requires it; .ci/run starts it)");
      }
      System.out.println("SKIPPED cluster tests: " + missing);
      Assumptions.assumeTrue(false, missing);
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates an empty database and returns its JDBC URL. */
  public static String newDatabase() throws Exception {
    String name =
        "msg_it_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return PG + name;
  }

  /** Drops a database made by {@link #newDatabase}; ignores failures. */
  public static void dropDatabase(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (Exception e) {
      System.out.println("could not drop " + name + ": " + e.getMessage());
    }
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A private nats-server with JetStream, for tests that stop and restart NATS. */
  public static final class PrivateNats implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    public PrivateNats() throws Exception {
      this.port = freePort();
      this.dir = Files.createTempDirectory("nats");
      start();
    }

    public String url() {
      return "nats://127.0.0.1:" + port;
    }

    public void start() throws Exception {
      process =
          new ProcessBuilder(
                  "nats-server",
                  "-a",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-js",
                  "-sd",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("nats.log").toFile())
              .start();
      Awaitility.await("nats-server listening")
          .atMost(Duration.ofSeconds(10))
          .until(() -> listening(port) || !process.isAlive());
      if (!process.isAlive()) {
        throw new IllegalStateException("nats-server did not start");
      }
    }

    public void stop() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
