package dev.messenger.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node running in its own JVM (same classpath as the tests), for crash tests: it can be killed
 * with SIGKILL. Waits for the {@code listening on port N} line.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final int port;
  private final List<String> output;

  private ServerProcess(Process process, int port, List<String> output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /** Every line the node printed so far (standard output and error). */
  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Starts a node on a free port with its data in {@code dataDir} and the extra settings. */
  public static ServerProcess start(Path dataDir, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.messenger.server.Main");
    cmd.add("--port=0");
    cmd.add("--host=127.0.0.1");
    cmd.add("--data-dir=" + dataDir);
    cmd.add("--argon2-memory-kib=1024");
    for (String relaxed :
        List.of(
            "--rate-sends=0",
            "--rate-frames=0",
            "--rate-logins-ip=0",
            "--rate-logins-user=0",
            "--rate-registrations-ip=0")) {
      cmd.add(relaxed);
    }
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("server exited before listening"));
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(p, port.get(60, TimeUnit.SECONDS), output);
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
