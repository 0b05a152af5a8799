package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user as the server shows it: {@code {"id", "username", "displayName"}}. Immutable.
 *
 * @param id opaque user id
 * @param username lower-case unique name
 * @param displayName name to show; may be null if the server sends none
 */
public record UserView(String id, String username, String displayName) {

  /** Reads a user object; missing fields become null. */
  public static UserView fromJson(JsonNode node) {
    return new UserView(
        Json.text(node, "id"), Json.text(node, "username"), Json.text(node, "displayName"));
  }
}
