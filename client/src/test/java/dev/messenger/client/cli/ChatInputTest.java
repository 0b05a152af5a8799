package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChatInputTest {
  @Test
  void plainLines_areMessages_andDoubleSlashEscapes() {
    assertThat(ChatInput.parse("hello")).isEqualTo(new ChatInput.Send("hello", null));
    assertThat(ChatInput.parse("//shrug")).isEqualTo(new ChatInput.Send("/shrug", null));
    assertThat(ChatInput.parse("   ")).isInstanceOf(ChatInput.Nothing.class);
  }

  @Test
  void commands_nameMessagesByNumber_withOrWithoutHash() {
    assertThat(ChatInput.parse("/reply 3 sure, see you"))
        .isEqualTo(new ChatInput.Send("sure, see you", 3L));
    assertThat(ChatInput.parse("/edit #4 fixed text"))
        .isEqualTo(new ChatInput.Change("edit", 4, "fixed text", null));
    assertThat(ChatInput.parse("/delete 4"))
        .isEqualTo(new ChatInput.Change("delete", 4, null, null));
    assertThat(ChatInput.parse("/react 4 👍"))
        .isEqualTo(new ChatInput.Change("react", 4, null, "👍"));
    assertThat(ChatInput.parse("/unreact 4 👍"))
        .isEqualTo(new ChatInput.Change("unreact", 4, null, "👍"));
    assertThat(ChatInput.parse("/pin 4")).isEqualTo(new ChatInput.Change("pin", 4, null, null));
    assertThat(ChatInput.parse("/unpin 4")).isEqualTo(new ChatInput.Change("unpin", 4, null, null));
    assertThat(ChatInput.parse("/forward 4 carol")).isEqualTo(new ChatInput.Forward(4, "carol"));
    assertThat(ChatInput.parse("/readby 4")).isEqualTo(new ChatInput.ReadBy(4));
    assertThat(ChatInput.parse(" /quit ")).isInstanceOf(ChatInput.Quit.class);
    assertThat(ChatInput.parse("/help")).isInstanceOf(ChatInput.Help.class);
  }

  @Test
  void badCommands_sayWhatIsWrong() {
    assertThat(ChatInput.parse("/edit 4")).isEqualTo(new ChatInput.Invalid("usage: /edit N TEXT"));
    assertThat(ChatInput.parse("/delete x"))
        .isEqualTo(
            new ChatInput.Invalid("not a message number: x (the #N shown before a message)"));
    assertThat(ChatInput.parse("/delete 0")).isInstanceOf(ChatInput.Invalid.class);
    assertThat(ChatInput.parse("/react 4 a b"))
        .isEqualTo(new ChatInput.Invalid("usage: /react N EMOJI"));
    assertThat(ChatInput.parse("/dance"))
        .isEqualTo(new ChatInput.Invalid("unknown command /dance; /help lists them"));
  }

  @Test
  void muteDurations() {
    assertThat(ChatSettingsCommands.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ChatSettingsCommands.parseDuration("8h")).isEqualTo(Duration.ofHours(8));
    assertThat(ChatSettingsCommands.parseDuration("2D")).isEqualTo(Duration.ofDays(2));
    assertThat(ChatSettingsCommands.parseDuration("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(ChatSettingsCommands.parseDuration("forever")).isNull();
    assertThatThrownBy(() -> ChatSettingsCommands.parseDuration("0h"))
        .isInstanceOf(CliException.class);
    assertThatThrownBy(() -> ChatSettingsCommands.parseDuration("soon"))
        .hasMessageContaining("not a duration");
  }
}
