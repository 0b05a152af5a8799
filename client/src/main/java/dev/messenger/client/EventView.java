package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a system message records: {@code {"action", "userId"?, "by"}}. Immutable.
 *
 * @param action {@code created}, {@code member_added}, {@code member_removed}, {@code member_left}
 *     or {@code renamed}
 * @param userId the user the event concerns; null for {@code created} and {@code renamed}
 * @param by the user who did it
 */
public record EventView(String action, String userId, String by) {

  /** Reads an event object; missing fields become null. */
  public static EventView fromJson(JsonNode node) {
    return new EventView(
        Json.text(node, "action"), Json.text(node, "userId"), Json.text(node, "by"));
  }
}
