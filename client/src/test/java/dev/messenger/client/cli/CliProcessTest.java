package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.FakeHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a person runs it: a separate JVM ({@code java dev.messenger.client.cli.Cli}) with its
 * own environment, standard output and error (issue 19, bug 7).
 */
@Timeout(60)
class CliProcessTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Cli.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().remove(Cli.SERVER_ENV);
    pb.environment().putAll(env);
    pb.redirectError(dir.resolve("err.txt").toFile());
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void version_endsWithANewline() throws Exception {
    for (String flag : List.of("-V", "--version")) {
      Run r = run(Map.of(), "", flag);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("messenger-client 0.1.0\n");
    }
  }

  @Test
  void unreachableServer_saysWhichAndWhy() throws Exception {
    Run r =
        run(Map.of(), "", "--server=http://127.0.0.1:9/", "register", "al", "--password=pw-123456");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("error: cannot reach http://127.0.0.1:9/: connection refused\n")
        .doesNotContain("null");
  }

  @Test
  void profile_followsHome_thenXdgConfigHome() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path xdg = dir.resolve("config");
    try (FakeHttpServer server = new FakeHttpServer()) {
      server.answer(201, "{\"token\":\"tok\",\"userId\":\"u1\",\"deviceId\":\"d1\"}");
      Run login =
          run(
              Map.of("HOME", home.toString()),
              "secret-pass\n",
              "--server=" + server.uri(),
              "login",
              "alice");
      assertThat(login.exit()).as(login.err()).isZero();
      assertThat(Profile.load(home.resolve(".messenger/default.json")).token()).isEqualTo("tok");

      server.answer(201, "{\"token\":\"tok2\",\"userId\":\"u1\",\"deviceId\":\"d2\"}");
      Run viaXdg =
          run(
              Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString()),
              "secret-pass\n",
              "--server=" + server.uri(),
              "--as=work",
              "login",
              "alice");
      assertThat(viaXdg.exit()).as(viaXdg.err()).isZero();
      assertThat(Profile.load(xdg.resolve("messenger/work.json")).token()).isEqualTo("tok2");
      assertThat(home.resolve(".messenger/work.json")).doesNotExist();
    }
  }
}
