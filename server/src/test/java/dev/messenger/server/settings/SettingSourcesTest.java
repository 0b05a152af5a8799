package dev.messenger.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings from the environment and secrets from files: flags over environment over config file
 * over defaults, {@code MESSENGER_NAME_WITH_UNDERSCORES}, {@code --NAME-file} for secrets.
 */
class SettingSourcesTest {

  @Test
  void environment_setsSettings_byTheirNameInCapitals() {
    Settings s =
        SettingsParser.parse(
            Map.of("MESSENGER_PORT", "9100", "MESSENGER_DATA_DIR", "/srv/m", "PORT", "1"));
    assertThat(s.node().port()).isEqualTo(9100);
    assertThat(s.node().dataDir()).isEqualTo(Path.of("/srv/m"));
  }

  @Test
  void flags_winOverEnvironment_whichWinsOverTheConfigFile(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(config, "port=9001\nmax-group-size=50\nmax-message-chars=10\n");
    Settings s =
        SettingsParser.parse(
            Map.of("MESSENGER_PORT", "9002", "MESSENGER_MAX_GROUP_SIZE", "60"),
            "--config=" + config,
            "--port=9003");
    assertThat(s.node().port()).isEqualTo(9003);
    assertThat(s.messaging().maxGroupSize()).isEqualTo(60);
    assertThat(s.messaging().maxMessageChars()).isEqualTo(10);
  }

  @Test
  void theConfigFile_canBeNamedByTheEnvironment(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(config, "max-group-size=42\n");
    Settings s = SettingsParser.parse(Map.of("MESSENGER_CONFIG", config.toString()));
    assertThat(s.messaging().maxGroupSize()).isEqualTo(42);
  }

  @Test
  void aSecret_isReadFromAFile_byFlagOrEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pg-password");
    Files.writeString(file, "s3cr3t-from-file\n");

    Settings byFlag = SettingsParser.parse("--postgres-password-file=" + file);
    Settings byEnv =
        SettingsParser.parse(Map.of("MESSENGER_POSTGRES_PASSWORD_FILE", file.toString()));

    assertThat(byFlag.store().postgresPassword().reveal()).isEqualTo("s3cr3t-from-file");
    assertThat(byEnv.store().postgresPassword().reveal()).isEqualTo("s3cr3t-from-file");
    assertThat(byFlag.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void anUnreadableSecretFile_namesTheOption() {
    assertThatThrownBy(() -> SettingsParser.parse("--postgres-password-file=/no/such/file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--postgres-password-file");
  }

  @Test
  void onlySecrets_haveFileOptions() {
    assertThatThrownBy(() -> SettingsParser.parse("--port-file=/etc/hosts"))
        .hasMessageContaining("unknown setting: --port-file");
  }
}
