package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a system message records: {@code {"action", "userId"?, "by", "name"?}}. Immutable.
 *
 * @param action {@code created}, {@code member_added}, {@code member_removed}, {@code member_left}
 *     or {@code renamed}
 * @param userId the user the event concerns; null for {@code created} and {@code renamed}
 * @param by the user who did it
 * @param name the new name of a {@code renamed} event; null otherwise or when not sent
 */
public record EventView(String action, String userId, String by, String name) {

  /** An event without a name (every action but {@code renamed}). */
  public EventView(String action, String userId, String by) {
    this(action, userId, by, null);
  }

  /** Reads an event object; missing fields become null. */
  public static EventView fromJson(JsonNode node) {
    return new EventView(
        Json.text(node, "action"),
        Json.text(node, "userId"),
        Json.text(node, "by"),
        Json.text(node, "name"));
  }
}
