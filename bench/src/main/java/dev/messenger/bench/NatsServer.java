package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code nats-server} (JetStream on, monitoring on) that a scenario starts, kills with
 * SIGKILL and starts again on the same ports and store directory, so that it never disturbs the
 * shared NATS on 4222. {@link #varz} reads the server's counters (messages in and out,
 * subscriptions). Not thread-safe: one scenario thread drives it.
 */
public final class NatsServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final int monitorPort;
  private final Path dir;
  private Process process;

  /** Starts {@code nats-server} on two free loopback ports and a fresh temp directory. */
  public NatsServer() throws IOException, InterruptedException {
    this.port = freePort();
    this.monitorPort = freePort();
    this.dir = Files.createTempDirectory("bench-nats");
    start();
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again); waits up to 10 s for its port. */
  public void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                "nats-server",
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-m",
                Integer.toString(monitorPort),
                "-js",
                "-sd",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!listening(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("nats-server did not start; see " + dir.resolve("nats.log"));
      }
      Thread.sleep(50);
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The server's {@code /varz}: {@code in_msgs}, {@code out_msgs}, {@code subscriptions}, ... */
  JsonNode varz() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/varz"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Api.JSON.readTree(r.body());
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
