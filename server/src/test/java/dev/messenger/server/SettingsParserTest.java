package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsParserTest {

  @Test
  void defaults_matchTheProtocol() {
    Settings s = SettingsParser.parse();
    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.dataDir()).isEqualTo(Path.of("data"));
    assertThat(s.maxMessageChars()).isEqualTo(1000);
    assertThat(s.maxGroupSize()).isEqualTo(200);
    assertThat(s.presenceGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void commandLine_overridesConfigFile(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.properties");
    Files.writeString(config, "port=9001\nmax-group-size=50\npresence-grace=750ms\n");
    Settings s = SettingsParser.parse("--config=" + config, "--port=9002", "--idle-timeout=2m");
    assertThat(s.port()).isEqualTo(9002);
    assertThat(s.maxGroupSize()).isEqualTo(50);
    assertThat(s.presenceGrace()).isEqualTo(Duration.ofMillis(750));
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
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
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SettingsParser.parse("--store=mongo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store");
  }
}
