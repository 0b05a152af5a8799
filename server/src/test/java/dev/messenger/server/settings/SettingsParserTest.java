package dev.messenger.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsParserTest {

  @Test
  void defaults_matchTheProtocol() {
    Settings s = SettingsParser.parse();
    assertThat(s.node().host()).isEqualTo("0.0.0.0");
    assertThat(s.node().port()).isEqualTo(8080);
    assertThat(s.node().dataDir()).isEqualTo(Path.of("data"));
    assertThat(s.messaging().maxMessageChars()).isEqualTo(1000);
    assertThat(s.messaging().maxGroupSize()).isEqualTo(200);
    assertThat(s.messaging().presenceGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.connections().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.store().kind()).isEqualTo(StoreKind.SQLITE);
    assertThat(s.cluster().bus()).isEqualTo(BusKind.LOCAL);
    assertThat(s.media().store()).isEqualTo(MediaStoreKind.FILE);
    assertThat(s.node().logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(s.media().maxMediaBytes()).isEqualTo(25L * 1024 * 1024);
  }

  @Test
  void commandLine_overridesConfigFile(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(
        config, "port=9001\nmax-group-size=50\npresence-grace=750ms\nlog-format=json\n");
    Settings s = SettingsParser.parse("--config=" + config, "--port=9002", "--idle-timeout=2m");
    assertThat(s.node().port()).isEqualTo(9002);
    assertThat(s.messaging().maxGroupSize()).isEqualTo(50);
    assertThat(s.messaging().presenceGrace()).isEqualTo(Duration.ofMillis(750));
    assertThat(s.connections().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.node().logFormat()).isEqualTo(LogFormat.JSON);
  }

  @Test
  void badValues_areRejectedWithTheirName() {
    assertThatThrownBy(() -> SettingsParser.parse("--port=70000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> SettingsParser.parse("--presence-grace=soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> SettingsParser.parse("--no-such-setting=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--no-such-setting");
    assertThatThrownBy(() -> SettingsParser.parse("--store=mongo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store")
        .hasMessageContaining("sqlite, postgres");
    assertThatThrownBy(() -> SettingsParser.parse("--presence-heartbeat=50ms"))
        .hasMessage("presence-heartbeat must be >= 100ms, not 50ms");
    assertThatThrownBy(() -> SettingsParser.parse("--media-store=s3"))
        .hasMessageContaining("s3-bucket");
    assertThatThrownBy(() -> SettingsParser.parse("--log-format=xml"))
        .hasMessageContaining("log-format");
  }

  @Test
  void modes_areEnums_writtenInLowerCase() {
    Settings s =
        SettingsParser.parse(
            "--store=postgres",
            "--bus=nats",
            "--media-store=s3",
            "--s3-bucket=media",
            "--log-format=json");
    assertThat(s.store().kind()).isEqualTo(StoreKind.POSTGRES);
    assertThat(s.cluster().bus()).isEqualTo(BusKind.NATS);
    assertThat(s.media().store()).isEqualTo(MediaStoreKind.S3);
    assertThat(s.node().logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(StoreKind.POSTGRES).hasToString("postgres");
    assertThatThrownBy(() -> SettingsParser.parse("--store=POSTGRES"))
        .hasMessageContaining("store");
  }

  @Test
  void flag_aloneMeansTrue() {
    assertThat(SettingsParser.parse("--push-allow-http").push().allowHttpEndpoints()).isTrue();
    assertThat(SettingsParser.parse("--push-allow-http=false").push().allowHttpEndpoints())
        .isFalse();
    assertThat(SettingsParser.parse().push().allowHttpEndpoints()).isFalse();
  }

  @Test
  void secrets_areMaskedWhenPrinted_andRevealedToTheirUser() {
    Settings s =
        SettingsParser.parse(
            "--postgres-password=pg-hunter2",
            "--s3-access-key=AKIA-access",
            "--s3-secret-key=s3-hunter2",
            "--vapid-public-key=public-key",
            "--vapid-private-key=vapid-hunter2");
    String printed = s.toString();
    assertThat(printed)
        .doesNotContain("pg-hunter2", "AKIA-access", "s3-hunter2", "vapid-hunter2")
        .contains("postgresPassword=****", "s3SecretKey=****", "vapidPrivateKey=****")
        .contains("public-key");
    assertThat(s.store().postgresPassword().reveal()).isEqualTo("pg-hunter2");
    assertThat(s.media().s3SecretKey().reveal()).isEqualTo("s3-hunter2");
    assertThat(s.push().vapidPrivateKey().reveal()).isEqualTo("vapid-hunter2");
    assertThat(Settings.defaults().store().postgresPassword()).hasToString("");
  }

  @Test
  void everySettingNamedLikeASecret_isASecret_exceptThePublicKey() {
    for (Setting<?> s : Settings.ALL) {
      // push-allow-private (PROTOCOL.md section 9) is a flag about private addresses, not a key.
      boolean secretName =
          s.name().matches(".*(password|secret|private|access-key|api-keys).*")
              && !s.name().equals("push-allow-private");
      assertThat(s.secret()).as(s.name()).isEqualTo(secretName);
    }
  }

  @Test
  void secrets_neverAppearInErrors() {
    assertThatThrownBy(() -> SettingsParser.parse("--postgres-pasword=hunter2"))
        .hasMessageContaining("--postgres-pasword")
        .hasMessageNotContaining("hunter2")
        .hasNoCause();
    assertThatThrownBy(() -> SettingsParser.parse("--postgres-pasword", "hunter2"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> SettingsParser.parse("--vapid-private-key=hunter2"))
        .hasMessageContaining("vapid-public-key")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void help_listsEverySettingWithItsDefault_butNoSecretFromTheConfigFile(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(config, "postgres-password=hunter2\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(SettingsParser.parse("--config=" + config, "--help")).isNull();
    } finally {
      System.setOut(old);
    }
    String help = out.toString(StandardCharsets.UTF_8);
    for (Setting<?> s : Settings.ALL) {
      assertThat(help).contains("--" + s.name() + (s.flag() ? "[=" : "=") + s.label());
    }
    assertThat(help).contains("(default: 8080)", "sqlite|postgres").doesNotContain("hunter2");
  }

  @Test
  void everySetting_hasOneName_andItsShownValueParsesBack() {
    List<String> names = Settings.ALL.stream().map(Setting::name).toList();
    assertThat(names).doesNotHaveDuplicates().hasSize(74);
    Settings d = Settings.defaults();
    List<String> args = new ArrayList<>();
    for (Setting<?> s : Settings.ALL) {
      if (!s.secret()) {
        args.add("--" + s.name() + "=" + shown(s, d));
      }
    }
    assertThat(SettingsParser.parse(args.toArray(String[]::new))).isEqualTo(d);
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  @Test
  void with_changesOneSetting_andChecksIt() {
    Settings s = Settings.defaults().with(NodeSettings.PORT, 0);
    assertThat(s.node().port()).isZero();
    assertThat(s.node().host()).isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> s.with(MessagingSettings.MAX_GROUP_SIZE, 1))
        .hasMessage("max-group-size must be 2-100000, not 1");
    assertThatThrownBy(() -> s.with(StoreSettings.POSTGRES_PASSWORD, null))
        .isInstanceOf(NullPointerException.class);
  }

  private static <T> String shown(Setting<T> s, Settings settings) {
    return s.show(s.read(settings));
  }
}
