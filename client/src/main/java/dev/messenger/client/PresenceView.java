package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Presence of one user: {@code {"userId", "status": "online"|"offline", "lastSeen"}}. Also the
 * shape of the WebSocket {@code presence} frame. Immutable.
 *
 * @param userId the user
 * @param status {@code online} or {@code offline}
 * @param lastSeen milliseconds since the epoch, server time
 */
public record PresenceView(String userId, String status, long lastSeen) {

  /** True when {@link #status()} is {@code online}. */
  public boolean online() {
    return "online".equals(status);
  }

  /** Reads a presence object or frame. */
  public static PresenceView fromJson(JsonNode node) {
    return fromJson(node, Json.text(node, "userId"));
  }

  /**
   * Reads a presence object that has no {@code userId} of its own (as nested in a contact).
   *
   * @param userId the user the presence belongs to, used when the object carries none
   */
  static PresenceView fromJson(JsonNode node, String userId) {
    String own = Json.text(node, "userId");
    return new PresenceView(
        own != null ? own : userId, Json.text(node, "status"), Json.number(node, "lastSeen"));
  }
}
