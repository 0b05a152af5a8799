package dev.messenger.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OCI image tarball that {@code -Pimage} builds (Jib, no daemon): its config (non-root user,
 * port, volume, entrypoint, the name the deployment files use), and the image itself run as a
 * container runtime would, without one: its layers unpacked into a root directory and the
 * entrypoint started in a {@code chroot} as the image's user with the image's environment; the node
 * must answer {@code /health/ready}, the compose health check must pass inside the image, and
 * SIGTERM must stop it cleanly. Runs only when the profile built the tarball ({@code image.tar} is
 * set); then a missing tarball fails.
 */
class ImageTarballTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tarball_config_and_theImageRunsAsItsUser() throws Exception {
    String tarProperty = System.getProperty("image.tar");
    Assumptions.assumeTrue(tarProperty != null, "the image is built with -Pimage only");
    Path tar = Path.of(tarProperty);
    assertThat(tar).as("built by the image profile").isRegularFile();
    Path dir = Files.createTempDirectory("image");
    Path x = Files.createDirectories(dir.resolve("tar"));
    run(dir, "tar", "-xf", tar.toAbsolutePath().toString(), "-C", x.toString());
    JsonNode manifest = JSON.readTree(x.resolve("manifest.json").toFile()).get(0);
    JsonNode config =
        JSON.readTree(x.resolve(manifest.get("Config").asText()).toFile()).get("config");

    String compose = Files.readString(Path.of("..", "deploy", "compose.yaml"));
    Map<String, Object> composeYaml = new Yaml().load(compose);
    @SuppressWarnings("unchecked")
    Map<String, Object> service =
        (Map<String, Object>) ((Map<String, Object>) composeYaml.get("services")).get("messenger");
    assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo(service.get("image"));
    assertThat(Files.readString(Path.of("..", "deploy", "k8s", "deployment.yaml")))
        .contains("image: " + service.get("image"));
    assertThat(config.get("User").asText()).isEqualTo("10001:10001");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/data")).isTrue();
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/data");
    List<String> entrypoint = strings(config.get("Entrypoint"));
    assertThat(entrypoint).startsWith("/opt/java/bin/java").endsWith("dev.messenger.server.Main");
    List<String> env = strings(config.get("Env"));
    assertThat(env).contains("MESSENGER_DATA_DIR=/data", "MESSENGER_PORT=8080");

    Path root = Files.createDirectories(dir.resolve("root"));
    for (JsonNode layer : manifest.get("Layers")) {
      run(
          dir,
          "tar",
          "--warning=no-unknown-keyword",
          "-xzf",
          x.resolve(layer.asText()).toString(),
          "-C",
          root.toString());
    }
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains("messenger:x:10001:10001:");
    assertThat(Files.isExecutable(root.resolve("opt/java/bin/java"))).isTrue();

    boolean root0 = "root".equals(System.getProperty("user.name"));
    if (!root0 || !Files.isExecutable(Path.of("/usr/sbin/chroot"))) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("running the image needs root and chroot (CI has both)");
      }
      Assumptions.assumeTrue(false, "not root: the image's contents are not run");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/sbin/chroot", "--userspec=" + config.get("User").asText(), root.toString()));
    cmd.addAll(entrypoint);
    cmd.add("--host=127.0.0.1");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().clear();
    for (String kv : env) {
      pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    pb.environment().put("MESSENGER_PORT", Integer.toString(port));
    Process node = pb.start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.contains("listening on port " + port)) {
                    listening.complete(null);
                  }
                }
                listening.completeExceptionally(new IllegalStateException("the node stopped"));
              } catch (Exception e) {
                listening.completeExceptionally(e);
              }
            });
    reader.start();
    try {
      try {
        listening.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        synchronized (output) {
          throw new AssertionError(
              "the image's node did not start: " + String.join("\n", output), e);
        }
      }
      // The compose health check, run inside the image as its user.
      @SuppressWarnings("unchecked")
      List<String> test =
          (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
      List<String> check =
          new ArrayList<>(List.of("/usr/sbin/chroot", "--userspec=10001:10001", root.toString()));
      check.addAll(test.subList(1, test.size()));
      check.set(check.size() - 1, check.get(check.size() - 1).replace(":8080/", ":" + port + "/"));
      ProcessBuilder hc = new ProcessBuilder(check).redirectErrorStream(true);
      hc.environment().clear();
      hc.environment().put("LD_LIBRARY_PATH", "/opt/java/lib");
      // As compose would: up to 3 tries (this machine can be slow to start a second JVM).
      int code = 1;
      for (int i = 0; i < 3 && code != 0; i++) {
        code = run(hc);
      }
      assertThat(code).isZero();
      assertThat(Files.getOwner(root.resolve("data/messenger.db")).getName())
          .isIn("10001", "messenger");
    } finally {
      node.destroy(); // SIGTERM: a clean stop
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    reader.join(30_000);
    // 0, not 143: the node's shutdown hook ran to its end (sockets closed, writer drained).
    assertThat(node.exitValue()).isZero();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void run(Path dir, String... cmd) throws Exception {
    assertThat(run(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)))
        .as(String.join(" ", cmd))
        .isZero();
  }

  private static int run(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      System.out.println(String.join(" ", pb.command()) + ": " + out);
    }
    return p.exitValue();
  }
}
