package dev.messenger.core.push;

import dev.messenger.core.model.Message;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext of a push (PROTOCOL.md "Push"): JSON {@code {"conversationId", "seq", "senderId"}},
 * UTF-8. No message text: the device fetches that over the API. Stateless.
 */
public final class PushPayload {
  private PushPayload() {}

  /** The payload announcing {@code m}. */
  public static byte[] of(Message m) {
    String json =
        "{\"conversationId\":"
            + quote(m.conversationId())
            + ",\"seq\":"
            + m.seq()
            + ",\"senderId\":"
            + quote(m.senderId())
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
