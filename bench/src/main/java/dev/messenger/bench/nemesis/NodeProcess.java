package dev.messenger.bench.nemesis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Messenger node in its own JVM on a fixed port, so that the nemesis can {@code kill -9} it,
 * start it again on the same port (same node id), and stop and continue it ({@code SIGSTOP}, {@code
 * SIGCONT}). Its output goes to {@code <dir>/<id>.log}. Not thread-safe: the nemesis thread drives
 * it.
 */
public final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String id;
  private final int port;
  private final List<String> command;
  private final Path log;
  private Process process;

  /**
   * @param classpath the server's classpath (its shaded jar, or the test classpath)
   * @param settings the node's flags besides port, host and node id
   */
  public NodeProcess(String id, int port, String classpath, Path dir, List<String> settings)
      throws IOException {
    this.id = id;
    this.port = port;
    this.log = dir.resolve(id + ".log");
    Files.createDirectories(dir.resolve(id));
    command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath));
    command.add("dev.messenger.server.Main");
    command.add("--port=" + port);
    command.add("--host=127.0.0.1");
    command.add("--node-id=" + id);
    command.add("--data-dir=" + dir.resolve(id));
    command.addAll(settings);
  }

  public String id() {
    return id;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the JVM and waits (up to 120 s: a loaded machine) until the port answers. */
  public void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!listening()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("node " + id + " did not start; see " + log + ":\n" + tail());
      }
      Thread.sleep(100);
    }
  }

  /** {@code kill -9}. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  public void cont() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** HTTP status of {@code GET /health/ready}, or -1 if the node does not answer within 2 s. */
  public int readiness() {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri().resolve("/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The last lines of the node's log. */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      try {
        cont();
      } catch (IOException e) {
        // gone already
      }
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
