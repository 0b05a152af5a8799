package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the caller's contact list: {@code {"id", "username", "displayName", "presence"?}}.
 * Immutable.
 *
 * @param id the contact's user id
 * @param username the contact's username
 * @param displayName the contact's display name; may be null
 * @param presence the contact's presence, or null when it is not visible to the caller
 */
public record ContactView(String id, String username, String displayName, PresenceView presence) {

  /** Reads a contact object; the nested presence gets the contact's id as its user id. */
  public static ContactView fromJson(JsonNode node) {
    String id = Json.text(node, "id");
    JsonNode p = Json.objectOrNull(node, "presence");
    return new ContactView(
        id,
        Json.text(node, "username"),
        Json.text(node, "displayName"),
        p == null ? null : PresenceView.fromJson(p, id));
  }
}
