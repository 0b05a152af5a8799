package dev.messenger.server.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node in its own JVM for cluster crash tests; {@link #kill} sends SIGKILL. */
final class ServerProcessHandle implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private final Process process;
  private final int port;

  private ServerProcessHandle(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ServerProcessHandle start(String... settings) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.messenger.server.Main");
    cmd.add("--port=0");
    cmd.add("--host=127.0.0.1");
    cmd.add("--data-dir=" + Files.createTempDirectory("node"));
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
    cmd.addAll(List.of(settings));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("node exited before listening"));
            });
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcessHandle(p, port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
