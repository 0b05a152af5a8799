package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an update entry changes: {@code {"action", "target", "body"?, "emoji"?}} (PROTOCOL.md
 * section 4). Immutable.
 *
 * @param action {@code edited}, {@code deleted}, {@code reacted}, {@code unreacted}, {@code pinned}
 *     or {@code unpinned}
 * @param target the seq of the message changed
 * @param body the new text of an {@code edited}; null otherwise
 * @param emoji the emoji of a {@code reacted} or {@code unreacted}; null otherwise
 */
public record UpdateView(String action, long target, String body, String emoji) {
  /** The {@code action} of an edit. */
  public static final String EDITED = "edited";

  /** The {@code action} of a delete for everyone. */
  public static final String DELETED = "deleted";

  /** The {@code action} of a reaction added. */
  public static final String REACTED = "reacted";

  /** The {@code action} of a reaction taken back. */
  public static final String UNREACTED = "unreacted";

  /** The {@code action} of a pin. */
  public static final String PINNED = "pinned";

  /** The {@code action} of an unpin. */
  public static final String UNPINNED = "unpinned";

  /** Reads an update object; missing fields become null (and 0 for {@code target}). */
  public static UpdateView fromJson(JsonNode node) {
    return new UpdateView(
        Json.text(node, "action"),
        Json.number(node, "target"),
        Json.text(node, "body"),
        Json.text(node, "emoji"));
  }
}
