package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageApi;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the user keeps for itself in a chat (PROTOCOL.md section 5), over HTTP: {@code mute}, {@code
 * unmute}, {@code archive}, {@code unarchive} and {@code clear}. Each names a chat ({@link
 * OnChat}). Not thread-safe.
 */
final class ChatSettingsCommands {
  private ChatSettingsCommands() {}

  @Command(name = "mute", description = "Mute a chat: no push from it, except mentions of you.")
  static final class Mute extends OnChat {
    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "FOR",
        defaultValue = "forever",
        description = "How long: 30m, 8h, 2d, 1w or forever (default: ${DEFAULT-VALUE}).")
    String duration;

    @Override
    public Integer call() {
      Duration d = parseDuration(duration);
      ConversationView c = conversation();
      long until = d == null ? MessageApi.FOREVER_MILLIS : cli.clock().millis() + d.toMillis();
      ConversationView now = api().mute(c.id(), until);
      say(
          "muted "
              + chat
              + (d == null ? " for ever" : " until " + Render.when(now.mutedUntil(), cli.clock())));
      return 0;
    }
  }

  /** {@code 30m}, {@code 8h}, {@code 2d}, {@code 1w} as a duration; null for {@code forever}. */
  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("forever")) {
      return null;
    }
    if (t.length() >= 2 && t.length() <= 7 && t.substring(0, t.length() - 1).matches("[0-9]+")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 'm':
          return n > 0 ? Duration.ofMinutes(n) : bad(text);
        case 'h':
          return n > 0 ? Duration.ofHours(n) : bad(text);
        case 'd':
          return n > 0 ? Duration.ofDays(n) : bad(text);
        case 'w':
          return n > 0 ? Duration.ofDays(7 * n) : bad(text);
        default:
          break;
      }
    }
    return bad(text);
  }

  private static Duration bad(String text) {
    throw new CliException("not a duration: " + text + " (e.g. 30m, 8h, 2d, 1w, forever)");
  }

  @Command(name = "unmute", description = "Unmute a chat.")
  static final class Unmute extends OnChat {
    @Override
    public Integer call() {
      ConversationView c = conversation();
      api().unmute(c.id());
      return done("unmuted " + chat);
    }
  }

  @Command(name = "archive", description = "Archive a chat (for you only).")
  static final class Archive extends OnChat {
    @Override
    public Integer call() {
      ConversationView c = conversation();
      api().archive(c.id(), true);
      return done("archived " + chat);
    }
  }

  @Command(name = "unarchive", description = "Take a chat out of the archive.")
  static final class Unarchive extends OnChat {
    @Override
    public Integer call() {
      ConversationView c = conversation();
      api().archive(c.id(), false);
      return done("unarchived " + chat);
    }
  }

  @Command(
      name = "clear",
      description =
          "Clear a chat for you: its history up to now (or #N) is no longer shown to you.")
  static final class Clear extends OnChat {
    @Option(
        names = "--up-to",
        paramLabel = "N",
        description = "Clear up to and including message #N (default: the newest).")
    String upTo;

    @Override
    public Integer call() {
      ConversationView c = conversation();
      long seq = c.lastSeq();
      if (upTo != null) {
        Long n = ChatInput.seq(upTo);
        if (n == null) {
          throw new CliException("not a message number: " + upTo);
        }
        seq = n;
      }
      if (seq == 0) {
        return done("nothing to clear in " + chat);
      }
      api().clear(c.id(), seq);
      return done("cleared " + chat + " up to #" + seq);
    }
  }
}
