package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A conversation summary: {@code {"id", "kind", "name"?, "lastSeq", "lastMessage"?, "members",
 * "createdAt", "pinned", "unreadCount", "mutedUntil"?, "archived", "clearedSeq"}} (PROTOCOL.md
 * "Conversations" and section 5). The last four are the caller's own. Immutable.
 *
 * @param id the conversation
 * @param kind {@code direct} or {@code group}
 * @param name the group's name; null for direct conversations
 * @param lastSeq seq of the newest message, 0 when none
 * @param lastMessage the newest message visible to the caller; may be null
 * @param members the members with their receipt cursors; never null
 * @param createdAt server time of creation in milliseconds since the epoch
 * @param pinned the pinned seqs, ascending, the same for every member; never null
 * @param unreadCount the caller's unread {@code text} messages of others (not deleted, above its
 *     {@code readSeq} and {@code clearedSeq})
 * @param mutedUntil until when the caller muted the conversation, ms since the epoch; null when it
 *     is not muted
 * @param archived whether the caller archived the conversation
 * @param clearedSeq the seq up to which the caller cleared the chat for itself, 0 when never
 */
public record ConversationView(
    String id,
    String kind,
    String name,
    long lastSeq,
    MessageView lastMessage,
    List<MemberView> members,
    long createdAt,
    List<Long> pinned,
    long unreadCount,
    Long mutedUntil,
    boolean archived,
    long clearedSeq) {

  /** Copies the lists; null becomes an empty list. */
  public ConversationView {
    members = members == null ? List.of() : List.copyOf(members);
    pinned = pinned == null ? List.of() : List.copyOf(pinned);
  }

  /** A summary without the version 2 fields: nothing pinned, unread, muted, archived or cleared. */
  public ConversationView(
      String id,
      String kind,
      String name,
      long lastSeq,
      MessageView lastMessage,
      List<MemberView> members,
      long createdAt) {
    this(id, kind, name, lastSeq, lastMessage, members, createdAt, List.of(), 0, null, false, 0);
  }

  /** True for group conversations. */
  public boolean isGroup() {
    return "group".equals(kind);
  }

  /** True when the caller muted it and {@code mutedUntil} is after {@code nowMillis}. */
  public boolean isMuted(long nowMillis) {
    return mutedUntil != null && mutedUntil > nowMillis;
  }

  /** The member with {@code userId}, if it is one. */
  public Optional<MemberView> member(String userId) {
    return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
  }

  /** Reads a summary object (also the {@code conversation} of a {@code conversation} frame). */
  public static ConversationView fromJson(JsonNode node) {
    JsonNode last = Json.objectOrNull(node, "lastMessage");
    return new ConversationView(
        Json.text(node, "id"),
        Json.text(node, "kind"),
        Json.text(node, "name"),
        Json.number(node, "lastSeq"),
        last == null ? null : MessageView.fromJson(last),
        Json.list(node, "members", MemberView::fromJson),
        Json.number(node, "createdAt"),
        Json.list(node, "pinned", JsonNode::asLong),
        Json.number(node, "unreadCount"),
        Json.longOrNull(node, "mutedUntil"),
        node.path("archived").asBoolean(false),
        Json.number(node, "clearedSeq"));
  }
}
