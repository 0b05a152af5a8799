package dev.messenger.client.cli;

import dev.messenger.client.MessageView;
import dev.messenger.client.UpdateView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chat sent and waits to hear about, by {@code ref}: sends (answered by {@code sent}),
 * changes (answered by {@code updated}) and forwards to other conversations. Each answer or {@code
 * error} takes its entry out. Unbounded, but an entry lives only until its reply, which the server
 * always sends (or the socket closes and the chat ends). Not thread-safe.
 */
final class Awaited {
  /** A send of this chat: what to show once the {@code sent} reply gives its seq. */
  record Send(String clientId, String body, Long replyTo, boolean forwarded) {
    /** The stored message, as the server has it, once {@code sent} gave seq and ts. */
    MessageView stored(String conversationId, long seq, String me, long ts) {
      return new MessageView(
          conversationId,
          seq,
          me,
          clientId,
          ts,
          "text",
          body,
          List.of(),
          null,
          replyTo,
          List.of(),
          forwarded,
          null,
          false,
          List.of(),
          null);
    }
  }

  private final Map<String, Send> sends = new HashMap<>();
  private final Map<String, UpdateView> changes = new HashMap<>();
  private final Map<String, String> forwards = new HashMap<>(); // ref -> "#5 to bob"

  void send(String ref, Send send) {
    sends.put(ref, send);
  }

  void change(String ref, UpdateView change) {
    changes.put(ref, change);
  }

  void forward(String ref, String what) {
    forwards.put(ref, what);
  }

  /** True while anything waits for its reply. */
  boolean any() {
    return !sends.isEmpty() || !changes.isEmpty() || !forwards.isEmpty();
  }

  /** The send with {@code ref}, taken out; null if none. */
  Send takeSend(String ref) {
    return sends.remove(ref);
  }

  /** The change with {@code ref}, taken out; null if none. */
  UpdateView takeChange(String ref) {
    return changes.remove(ref);
  }

  /** The description of the forward with {@code ref}, taken out; null if none. */
  String takeForward(String ref) {
    return forwards.remove(ref);
  }

  /**
   * The line for an {@code error} answering {@code ref} ({@code what} is "code: message"), taking
   * the entry out; null when nothing waited for {@code ref}.
   */
  String failed(String ref, String what) {
    Send s = sends.remove(ref);
    if (s != null) {
      return "! not sent (" + what + "): " + Render.preview(s.body(), 40);
    }
    UpdateView c = changes.remove(ref);
    if (c != null) {
      return "! #" + c.target() + " not " + c.action() + " (" + what + ")";
    }
    String f = forwards.remove(ref);
    return f == null ? null : "! not forwarded " + f + " (" + what + ")";
  }

  /** The update entry the server stored for the user's own {@code change}, as a device sees it. */
  static MessageView entry(String conversationId, long seq, String me, long ts, UpdateView change) {
    return new MessageView(
        conversationId,
        seq,
        me,
        null,
        ts,
        "update",
        "",
        List.of(),
        null,
        null,
        List.of(),
        false,
        null,
        false,
        List.of(),
        change);
  }
}
