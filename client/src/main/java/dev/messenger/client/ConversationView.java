package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A conversation summary: {@code {"id", "kind", "name"?, "lastSeq", "lastMessage"?, "members",
 * "createdAt"}}. Immutable.
 *
 * @param id the conversation
 * @param kind {@code direct} or {@code group}
 * @param name the group's name; null for direct conversations
 * @param lastSeq seq of the newest message, 0 when none
 * @param lastMessage the newest message visible to the caller; may be null
 * @param members the members with their receipt cursors; never null
 * @param createdAt server time of creation in milliseconds since the epoch
 */
public record ConversationView(
    String id,
    String kind,
    String name,
    long lastSeq,
    MessageView lastMessage,
    List<MemberView> members,
    long createdAt) {

  /** Copies {@code members}; null becomes an empty list. */
  public ConversationView {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** True for group conversations. */
  public boolean isGroup() {
    return "group".equals(kind);
  }

  /** The member with {@code userId}, if it is one. */
  public Optional<MemberView> member(String userId) {
    return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
  }

  /** Reads a summary object. */
  public static ConversationView fromJson(JsonNode node) {
    JsonNode last = Json.objectOrNull(node, "lastMessage");
    return new ConversationView(
        Json.text(node, "id"),
        Json.text(node, "kind"),
        Json.text(node, "name"),
        Json.number(node, "lastSeq"),
        last == null ? null : MessageView.fromJson(last),
        Json.list(node, "members", MemberView::fromJson),
        Json.number(node, "createdAt"));
  }
}
