package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user as the server shows it: {@code {"id", "username", "displayName", "avatar"?, "deleted"?}}
 * (PROTOCOL.md sections 2 and 8). Immutable.
 *
 * @param id opaque user id
 * @param username lower-case unique name; null for an erased user
 * @param displayName name to show; may be null if the server sends none
 * @param avatar media id of the avatar, or null
 * @param deleted true for an erased account ("Deleted user")
 */
public record UserView(
    String id, String username, String displayName, String avatar, boolean deleted) {

  /** A user without an avatar that is not erased. */
  public UserView(String id, String username, String displayName) {
    this(id, username, displayName, null, false);
  }

  /** Reads a user object; missing fields become null (false for {@code deleted}). */
  public static UserView fromJson(JsonNode node) {
    return new UserView(
        Json.text(node, "id"),
        Json.text(node, "username"),
        Json.text(node, "displayName"),
        Json.text(node, "avatar"),
        node != null && node.path("deleted").asBoolean(false));
  }
}
