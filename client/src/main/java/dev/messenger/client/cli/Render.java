package dev.messenger.client.cli;

import dev.messenger.client.EventView;
import dev.messenger.client.MessageView;
import dev.messenger.client.ReactionView;
import dev.messenger.client.UpdateView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Text shown for times, presence, system messages, and the parts of a message that change
 * (PROTOCOL.md section 4): {@code (edited)}, {@code message deleted}, reaction counts, the quoted
 * message a reply answers. Messages are numbered by their seq ({@code #5}), which every member sees
 * alike and never changes. Stateless.
 */
final class Render {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_HH_MM =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Render() {}

  /** {@code HH:mm} of {@code ts} in {@code zone}. */
  static String time(long ts, ZoneId zone) {
    return HH_MM.format(Instant.ofEpochMilli(ts).atZone(zone));
  }

  /** {@code HH:mm} when {@code ts} is today, else {@code yyyy-MM-dd HH:mm}. */
  static String when(long ts, Clock clock) {
    ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(clock.getZone());
    return t.toLocalDate().equals(LocalDate.now(clock)) ? HH_MM.format(t) : DAY_HH_MM.format(t);
  }

  /** {@code * bob is online}, {@code * bob was last seen 14:02}, or {@code * bob is offline}. */
  static String presence(String name, String status, long lastSeen, Clock clock) {
    if ("online".equals(status)) {
      return "* " + name + " is online";
    }
    if (lastSeen > 0) {
      return "* " + name + " was last seen " + when(lastSeen, clock);
    }
    return "* " + name + " is offline";
  }

  /** Shown instead of the text of a message deleted for everyone. */
  static final String DELETED = "(message deleted)";

  /** How many code points of a replied-to message are quoted. */
  static final int QUOTE_CHARS = 50;

  /**
   * The text of a user message as it is now: {@code (message deleted)}, or {@code [forwarded]}, the
   * text with its attachments, {@code (edited)}, {@code [@you]} when it mentions {@code me}, then
   * the reaction counts.
   */
  static String current(MessageView m, String me) {
    if (m.deleted()) {
      return DELETED;
    }
    StringBuilder b = new StringBuilder();
    if (m.forwarded()) {
      b.append("[forwarded] ");
    }
    b.append(text(m));
    if (m.isEdited()) {
      b.append(" (edited)");
    }
    if (me != null && m.mentions().contains(me)) {
      b.append(" [@you]");
    }
    return b.toString();
  }

  /** {@code [👍 2 ❤️ 1]}, or an empty string when there are no reactions. */
  static String reactions(MessageView m) {
    if (m.reactions().isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner("  ", " [", "]");
    for (ReactionView r : m.reactions()) {
      j.add(r.emoji() + " " + r.count());
    }
    return j.toString();
  }

  /**
   * The quote above a reply: {@code > #3 bob: first line of it…}; only the seq when the message is
   * not known.
   */
  static String quote(long seq, MessageView original, Function<String, String> name) {
    if (original == null) {
      return "  > #" + seq;
    }
    String text = original.deleted() ? DELETED : preview(firstLine(text(original)), QUOTE_CHARS);
    return "  > #" + seq + " " + name.apply(original.senderId()) + ": " + text;
  }

  /**
   * An update entry whose target is not on screen, or a pin: {@code bob edited #3: "new"}, {@code
   * bob deleted #3}, {@code bob reacted 👍 to #3}, {@code bob pinned #3}.
   */
  static String change(MessageView entry, Function<String, String> who) {
    UpdateView u = entry.update();
    String by = who.apply(entry.senderId());
    String target = "#" + u.target();
    switch (u.action() == null ? "" : u.action()) {
      case UpdateView.EDITED:
        return by + " edited " + target + ": \"" + preview(u.body(), 40) + "\"";
      case UpdateView.REACTED:
        return by + " reacted " + u.emoji() + " to " + target;
      case UpdateView.UNREACTED:
        return by + " took back " + u.emoji() + " from " + target;
      default:
        return by + " " + u.action() + " " + target;
    }
  }

  private static String firstLine(String text) {
    int nl = text == null ? -1 : text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /**
   * A user message's text, with {@code [1 attachment]} (or {@code [n attachments]}) after it when
   * it carries media.
   */
  static String text(MessageView m) {
    int n = m.attachments().size();
    if (n == 0) {
      return m.body();
    }
    String files = "[" + n + (n == 1 ? " attachment]" : " attachments]");
    return m.body() == null || m.body().isEmpty() ? files : m.body() + " " + files;
  }

  /**
   * What a system message says, e.g. {@code alice added bob}.
   *
   * @param newName the new name of a {@code renamed} event, if known
   * @param who display name of a user id
   */
  static String system(MessageView m, String newName, Function<String, String> who) {
    EventView e = m.event();
    if (e == null || e.action() == null) {
      return m.body() == null ? "(system message)" : m.body();
    }
    switch (e.action()) {
      case "created":
        return who.apply(e.by()) + " created the conversation";
      case "member_added":
        return who.apply(e.by()) + " added " + who.apply(e.userId());
      case "member_removed":
        return who.apply(e.by()) + " removed " + who.apply(e.userId());
      case "member_left":
        return who.apply(e.userId() != null ? e.userId() : e.by()) + " left";
      case "renamed":
        String name = newName != null ? newName : m.body();
        return who.apply(e.by())
            + " renamed the group"
            + (name == null || name.isBlank() ? "" : " to \"" + name + "\"");
      default:
        return who.apply(e.by()) + " " + e.action();
    }
  }

  /** {@code text} cut to {@code max} code points, with an ellipsis when cut; on one line. */
  static String preview(String text, int max) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    if (oneLine.codePointCount(0, oneLine.length()) <= max) {
      return oneLine;
    }
    return oneLine.substring(0, oneLine.offsetByCodePoints(0, max)) + "…";
  }
}
