package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code updated} frame answering {@code edit}, {@code delete}, {@code react}, {@code unreact},
 * {@code pin} and {@code unpin} (PROTOCOL.md section 4). Immutable.
 *
 * @param ref the ref of the request
 * @param conversationId the conversation
 * @param target the seq of the message changed
 * @param seq the update entry's seq, or null when nothing changed and nothing was stored (reacting
 *     twice with one emoji, deleting a deleted message, pinning a pinned one)
 */
public record UpdatedView(String ref, String conversationId, long target, Long seq) {

  /** True when an update entry was stored ({@code seq} is not null). */
  public boolean changed() {
    return seq != null;
  }

  /**
   * Reads an {@code updated} frame.
   *
   * @throws ApiException with the frame's code when {@code frame} is an {@code error} frame
   * @throws IllegalArgumentException when it is any other frame
   */
  public static UpdatedView fromFrame(JsonNode frame) {
    String type = Json.text(frame, "type");
    if ("error".equals(type)) {
      throw ApiException.fromFrame(frame);
    }
    if (!"updated".equals(type)) {
      throw new IllegalArgumentException("not an updated frame: " + frame);
    }
    JsonNode seq = frame.get("seq");
    return new UpdatedView(
        Json.text(frame, "ref"),
        Json.text(frame, "conversationId"),
        Json.number(frame, "target"),
        seq == null || seq.isNull() ? null : seq.asLong());
  }
}
