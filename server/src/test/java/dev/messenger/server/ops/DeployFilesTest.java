package dev.messenger.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.Setting;
import dev.messenger.server.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of {@code deploy/}: every YAML and JSON file parses; every setting they name ({@code
 * MESSENGER_*} variables, {@code --name=} flags) exists; the probe and health-check paths are real
 * routes of a running node; every metric the alert rules and the dashboard read is exported by a
 * node (on NATS, so the cluster metrics are there too); {@code promtool} accepts the rules and
 * their unit tests pass; {@code systemd-analyze verify} accepts the unit. Tools and NATS missing:
 * skipped, except under CI, where it fails.
 */
class DeployFilesTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Pattern ENV = Pattern.compile("MESSENGER_[A-Z0-9_]+");
  private static final Pattern FLAG = Pattern.compile("\\s--([a-z0-9-]+)=");
  private static final Pattern METRIC = Pattern.compile("\\b(messenger_[a-z0-9_]+)");
  private static final Pattern PROBE_PATH = Pattern.compile("(/health[a-z/]*)");

  @Test
  void everyYamlAndJsonFile_parses() throws Exception {
    List<Path> yaml = files(".yaml");
    assertThat(yaml)
        .extracting(p -> DEPLOY.relativize(p).toString())
        .contains(
            "compose.yaml",
            "compose-cluster.yaml",
            "k8s/deployment.yaml",
            "k8s/service.yaml",
            "k8s/pdb.yaml",
            "k8s/configmap.yaml",
            "k8s/secret.yaml",
            "observability/alerts.yaml");
    for (Path p : yaml) {
      try (InputStream in = Files.newInputStream(p)) {
        for (Object doc : new Yaml().loadAll(in)) {
          assertThat(doc).as(p.toString()).isInstanceOf(Map.class);
        }
      }
    }
    for (Path p : files(".json")) {
      assertThat(new ObjectMapper().readTree(p.toFile()).isObject()).as(p.toString()).isTrue();
    }
  }

  @Test
  void everySettingNamed_exists() throws Exception {
    Set<String> names = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
    Set<String> secrets =
        Settings.ALL.stream()
            .filter(Setting::secret)
            .map(Setting::name)
            .collect(Collectors.toSet());
    Set<String> seen = new TreeSet<>();
    for (Path p : files("")) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      Matcher env = ENV.matcher(text);
      while (env.find()) {
        String name = env.group().substring("MESSENGER_".length()).toLowerCase().replace('_', '-');
        boolean secretFile =
            name.endsWith("-file") && secrets.contains(name.substring(0, name.length() - 5));
        assertThat(names.contains(name) || secretFile || name.equals("config"))
            .as(p + " names " + env.group() + ", which is no setting")
            .isTrue();
        seen.add(env.group());
      }
      // Flags on the node's own command lines (not kubectl's or nginx's).
      for (String line : text.split("\n")) {
        if (!line.contains("messenger-server.jar") && !line.contains("--postgres-password-file")) {
          continue;
        }
        Matcher flag = FLAG.matcher(line);
        while (flag.find()) {
          String name = flag.group(1);
          boolean secretFile =
              name.endsWith("-file") && secrets.contains(name.substring(0, name.length() - 5));
          assertThat(names.contains(name) || secretFile).as(p + " gives --" + name).isTrue();
          seen.add("--" + name);
        }
      }
    }
    assertThat(seen)
        .contains(
            "--data-dir",
            "--postgres-password-file",
            "MESSENGER_STORE",
            "MESSENGER_POSTGRES_PASSWORD_FILE",
            "MESSENGER_NATS_URL");
  }

  @Test
  void probes_metricsOfTheRulesAndDashboard_andHealthCheck_areReal() throws Exception {
    requireTool("NATS on 127.0.0.1:4222", listening(4222));
    Settings onNats =
        TestNode.testSettings()
            .with(
                b ->
                    b.set(ClusterSettings.BUS, BusKind.NATS)
                        .set(ClusterSettings.NATS_URL, "nats://127.0.0.1:4222"));
    try (TestNode node = TestNode.start(onNats)) {
      HttpClient http = HttpClient.newHttpClient();
      Set<String> paths = new TreeSet<>();
      for (Path p : files(".yaml")) {
        Matcher m = PROBE_PATH.matcher(Files.readString(p));
        while (m.find()) {
          paths.add(m.group(1));
        }
      }
      assertThat(paths).contains("/health/ready", "/health/live");
      for (String path : paths) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(node.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
      assertThat(HealthCheck.check(node.uri().resolve("/health/ready").toString())).isZero();
      assertThat(HealthCheck.check(node.uri().resolve("/health/none").toString())).isEqualTo(1);

      String scrape =
          http.send(
                  HttpRequest.newBuilder(node.uri().resolve("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Set<String> exported = new TreeSet<>();
      for (String line : scrape.split("\n")) {
        Matcher m = METRIC.matcher(line);
        if (!line.startsWith("#") && m.lookingAt()) {
          exported.add(m.group(1));
        }
      }
      Set<String> used = new TreeSet<>();
      for (Path p :
          List.of(
              DEPLOY.resolve("observability/alerts.yaml"),
              DEPLOY.resolve("observability/grafana-dashboard.json"))) {
        Matcher m = METRIC.matcher(Files.readString(p));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
      for (JsonNode panel :
          new ObjectMapper()
              .readTree(DEPLOY.resolve("observability/grafana-dashboard.json").toFile())
              .get("panels")) {
        assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      }
      assertThat(used)
          .contains(
              "messenger_commit_seconds",
              "messenger_writer_queue",
              "messenger_slow_consumer_closes_total",
              "messenger_push_failed_total",
              "messenger_webhook_dropped_total",
              "messenger_webhook_outbox_oldest_seconds",
              "messenger_webhook_before_send_failures_total",
              "messenger_nats_reconnects_total",
              "messenger_nats_connected");
      assertThat(exported).as("exported by a node").containsAll(used);
    }
  }

  @Test
  void promtool_acceptsTheRules_andTheirUnitTestsPass() throws Exception {
    requireTool("promtool (Debian package prometheus)", onPath("promtool"));
    Path dir = DEPLOY.resolve("observability");
    assertThat(run(dir, "promtool", "check", "rules", "alerts.yaml"))
        .contains("SUCCESS: 12 rules found");
    assertThat(run(dir, "promtool", "test", "rules", "alerts.test.yaml")).contains("SUCCESS");
  }

  @Test
  void systemdAnalyze_acceptsTheUnit() throws Exception {
    requireTool("systemd-analyze", onPath("systemd-analyze"));
    String out = run(DEPLOY, "systemd-analyze", "verify", "systemd/messenger.service");
    assertThat(out).as("systemd-analyze warnings").isBlank();
  }

  private static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }

  private static void requireTool(String what, boolean present) {
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(what + " missing (CI requires it; .ci/run installs it)");
      }
      Assumptions.assumeTrue(false, what + " missing");
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
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
