package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message object (also the body of a {@code message} frame), in the current state the server
 * gives it (PROTOCOL.md "Messages" and section 4). Immutable.
 *
 * <p>An update entry ({@code kind} {@code update}) changes an earlier message of its conversation;
 * {@link #applied} is the fold a device applies, entry by entry in seq order, to the messages it
 * keeps, and ends with what the server returns for the target.
 *
 * @param conversationId the conversation
 * @param seq position in the conversation, from 1
 * @param senderId the sender's user id (of an update entry: who made the change)
 * @param clientId the sender's idempotency key; null for system messages and update entries
 * @param ts server time in milliseconds since the epoch
 * @param kind {@code text}, {@code system} or {@code update}
 * @param body the text ({@code ""} once deleted, and on update entries)
 * @param attachments ids of attached media; never null, empty when none (the server sends media
 *     objects, of which only the {@code id} is kept)
 * @param event what a system message records; null for other messages
 * @param replyTo the seq of the message this one answers; null when none
 * @param mentions user ids mentioned; never null
 * @param forwarded true when the message was forwarded from elsewhere
 * @param editedAt server time of the last edit, in ms since the epoch; null when never edited
 * @param deleted true once deleted for everyone
 * @param reactions the emoji on the message, in the order first used; never null
 * @param update what an update entry changes; null for other messages
 */
public record MessageView(
    String conversationId,
    long seq,
    String senderId,
    String clientId,
    long ts,
    String kind,
    String body,
    List<String> attachments,
    EventView event,
    Long replyTo,
    List<String> mentions,
    boolean forwarded,
    Long editedAt,
    boolean deleted,
    List<ReactionView> reactions,
    UpdateView update) {

  /** Copies the lists; null becomes an empty list. */
  public MessageView {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    reactions = reactions == null ? List.of() : List.copyOf(reactions);
  }

  /** A message without any of the version 2 fields (no reply, mentions, edits or reactions). */
  public MessageView(
      String conversationId,
      long seq,
      String senderId,
      String clientId,
      long ts,
      String kind,
      String body,
      List<String> attachments,
      EventView event) {
    this(
        conversationId,
        seq,
        senderId,
        clientId,
        ts,
        kind,
        body,
        attachments,
        event,
        null,
        List.of(),
        false,
        null,
        false,
        List.of(),
        null);
  }

  /** True for {@code system} messages. */
  public boolean isSystem() {
    return "system".equals(kind);
  }

  /** True for update entries ({@code kind} {@code update}). */
  public boolean isUpdate() {
    return "update".equals(kind);
  }

  /** True when the message was edited at least once. */
  public boolean isEdited() {
    return editedAt != null;
  }

  /** The users who reacted with {@code emoji}; empty when none. */
  public List<String> reactedBy(String emoji) {
    return reactions.stream()
        .filter(r -> r.emoji().equals(emoji))
        .findFirst()
        .map(ReactionView::userIds)
        .orElse(List.of());
  }

  /**
   * This message after the update entry {@code entry} (PROTOCOL.md section 4, the same fold as the
   * server's): an edit sets body and {@code editedAt} (the entry's ts); a delete empties body,
   * attachments, mentions and reactions and sets {@code deleted}; a reaction adds the entry's
   * sender to its emoji (a new emoji goes last) or removes it (an emoji nobody has left
   * disappears). Pins change the conversation, not the message, so they leave it as it is.
   *
   * @throws IllegalArgumentException if {@code entry} is not an update entry whose target is this
   *     message
   */
  public MessageView applied(MessageView entry) {
    UpdateView u = entry.update();
    if (!entry.isUpdate() || u == null) {
      throw new IllegalArgumentException("not an update entry: seq " + entry.seq());
    }
    if (!entry.conversationId().equals(conversationId)) {
      throw new IllegalArgumentException("update entry " + entry.seq() + " is of another chat");
    }
    return applied(entry.senderId(), entry.ts(), u);
  }

  /**
   * This message after {@code u} made by {@code userId} at {@code ts}: the fold of {@link
   * #applied(MessageView)}, for the device that made the change itself, which gets {@code updated}
   * instead of the update entry (so the {@code editedAt} of its own edit is its guess, {@code ts},
   * until it reads the message again).
   *
   * @throws IllegalArgumentException if {@code u} changes another message
   */
  public MessageView applied(String userId, long ts, UpdateView u) {
    if (u.target() != seq) {
      throw new IllegalArgumentException("the change is of " + u.target() + ", not " + seq);
    }
    return switch (u.action() == null ? "" : u.action()) {
      case UpdateView.EDITED -> with(u.body(), attachments, mentions, ts, deleted, reactions);
      case UpdateView.DELETED -> with("", List.of(), List.of(), editedAt, true, List.of());
      case UpdateView.REACTED, UpdateView.UNREACTED ->
          with(
              body,
              attachments,
              mentions,
              editedAt,
              deleted,
              react(u.emoji(), userId, UpdateView.REACTED.equals(u.action())));
      default -> this;
    };
  }

  private MessageView with(
      String newBody,
      List<String> newAttachments,
      List<String> newMentions,
      Long newEditedAt,
      boolean newDeleted,
      List<ReactionView> newReactions) {
    return new MessageView(
        conversationId,
        seq,
        senderId,
        clientId,
        ts,
        kind,
        newBody,
        newAttachments,
        event,
        replyTo,
        newMentions,
        forwarded,
        newEditedAt,
        newDeleted,
        newReactions,
        update);
  }

  private List<ReactionView> react(String emoji, String userId, boolean add) {
    Map<String, List<String>> byEmoji = new LinkedHashMap<>();
    reactions.forEach(r -> byEmoji.put(r.emoji(), new ArrayList<>(r.userIds())));
    List<String> users = byEmoji.computeIfAbsent(emoji, k -> new ArrayList<>());
    users.remove(userId);
    if (add) {
      users.add(userId);
    }
    List<ReactionView> out = new ArrayList<>();
    byEmoji.forEach(
        (e, ids) -> {
          if (!ids.isEmpty()) {
            out.add(new ReactionView(e, ids.size(), ids));
          }
        });
    return out;
  }

  /**
   * Reads a message object. Each attachment may be a media object (its {@code id} is kept) or a
   * plain id string.
   */
  public static MessageView fromJson(JsonNode node) {
    JsonNode event = Json.objectOrNull(node, "event");
    JsonNode update = Json.objectOrNull(node, "update");
    return new MessageView(
        Json.text(node, "conversationId"),
        Json.number(node, "seq"),
        Json.text(node, "senderId"),
        Json.text(node, "clientId"),
        Json.number(node, "ts"),
        Json.text(node, "kind"),
        Json.text(node, "body"),
        Json.list(node, "attachments", a -> a.isObject() ? Json.text(a, "id") : a.asText()),
        event == null ? null : EventView.fromJson(event),
        Json.longOrNull(node, "replyTo"),
        Json.list(node, "mentions", JsonNode::asText),
        node.path("forwarded").asBoolean(false),
        Json.longOrNull(node, "editedAt"),
        node.path("deleted").asBoolean(false),
        Json.list(node, "reactions", ReactionView::fromJson),
        update == null ? null : UpdateView.fromJson(update));
  }
}
