package dev.messenger.bench.nemesis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL cluster the nemesis may restart: {@code initdb} into a temp directory and
 * {@code pg_ctl} on a free loopback port (trust authentication, database {@code postgres}). Run as
 * the {@code postgres} OS user when this process is root (PostgreSQL refuses root). Binaries from
 * {@code /usr/lib/postgresql/<version>/bin}. Not thread-safe.
 */
public final class PostgresInstance implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  /** Creates and starts the cluster. */
  public PostgresInstance() throws IOException, InterruptedException {
    this.bin = findBin();
    this.asPostgres = "root".equals(System.getProperty("user.name"));
    this.dir = Files.createTempDirectory("nemesis-pg");
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    if (asPostgres) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-D",
            dir.resolve("data").toString()),
        true);
    start();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server and waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("pg.log").toString(),
            "-w",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on",
            "start"),
        true);
  }

  /** Stops the server at once (like a crash: {@code immediate}, recovery on the next start). */
  public void crash() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        true);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    crash();
  }

  private void run(List<String> cmd, boolean postgresUser)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (postgresUser && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Process p =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.log").toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed; see " + dir.resolve("ctl.log"));
    }
  }

  private static Path findBin() throws IOException {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Path::compareTo)
          .orElseThrow(() -> new IOException("no PostgreSQL in /usr/lib/postgresql/*/bin"));
    }
  }
}
