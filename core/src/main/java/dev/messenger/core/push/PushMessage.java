package dev.messenger.core.push;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one push says (PROTOCOL.md "Push" and section 9): the conversation, the message's {@code
 * seq} and its sender; with {@code push-preview} {@code sender} also the sender's display name, and
 * with {@code full} the first {@value #PREVIEW_CODE_POINTS} code points of the body. Immutable.
 *
 * @param senderName the sender's display name, or null (preview {@code none})
 * @param body the start of the message text, or null (preview other than {@code full})
 * @param badge the recipient's total {@code unreadCount} (APNs badge), or -1 when not computed
 */
public record PushMessage(
    String conversationId, long seq, String senderId, String senderName, String body, long badge) {

  /** Longest body preview, in Unicode code points. */
  public static final int PREVIEW_CODE_POINTS = 100;

  /** The preview cut to {@link #PREVIEW_CODE_POINTS} code points; null stays null. */
  public static String preview(String text) {
    if (text == null || text.codePointCount(0, text.length()) <= PREVIEW_CODE_POINTS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, PREVIEW_CODE_POINTS));
  }

  /** The same message with the badge set. */
  public PushMessage withBadge(long badge) {
    return new PushMessage(conversationId, seq, senderId, senderName, body, badge);
  }

  /**
   * The fields as strings, in order: {@code conversationId}, {@code seq}, {@code senderId}, then
   * {@code senderName} and {@code body} when present (FCM {@code data} takes only string values).
   */
  public Map<String, String> data() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("conversationId", conversationId);
    out.put("seq", Long.toString(seq));
    out.put("senderId", senderId);
    if (senderName != null) {
      out.put("senderName", senderName);
    }
    if (body != null) {
      out.put("body", body);
    }
    return out;
  }

  /**
   * The Web Push plaintext: JSON {@code {"conversationId", "seq", "senderId", "senderName"?,
   * "body"?}}, UTF-8, {@code seq} a number.
   */
  public byte[] json() {
    StringBuilder b = new StringBuilder(128);
    b.append("{\"conversationId\":").append(quote(conversationId));
    b.append(",\"seq\":").append(seq);
    b.append(",\"senderId\":").append(quote(senderId));
    if (senderName != null) {
      b.append(",\"senderName\":").append(quote(senderName));
    }
    if (body != null) {
      b.append(",\"body\":").append(quote(body));
    }
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal. */
  public static String quote(String s) {
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
