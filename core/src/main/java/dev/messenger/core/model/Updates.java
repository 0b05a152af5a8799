package dev.messenger.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an update entry changes its target (PROTOCOL.md section 4): the fold every device applies in
 * seq order and the stores' result must equal. Pins change the conversation, not the message, so
 * they leave its content as it is. Every entry sets the target's {@code updateSeq}; a device
 * applies an entry only when its seq is above the target's {@code updateSeq} (the state it has
 * already includes the others). Stateless and thread-safe.
 */
public final class Updates {
  private Updates() {}

  /**
   * {@code target} after {@code entry}: an edit sets body and {@code editedAt} (the entry's ts); a
   * delete empties body, attachments, mentions and reactions and sets {@code deleted}; a reaction
   * adds the user to its emoji (a new emoji goes last; a user already there stays where it is) or
   * removes it (an emoji nobody has left disappears). {@code updateSeq} becomes the entry's seq.
   *
   * @throws IllegalArgumentException if {@code entry} is not an update entry
   */
  public static Message apply(Message target, Message entry) {
    Update u = entry.details().update();
    if (entry.kind() != Message.Kind.UPDATE || u == null) {
      throw new IllegalArgumentException("not an update entry: seq " + entry.seq());
    }
    MessageDetails d = target.details();
    String body = target.body();
    List<Attachment> attachments = target.attachments();
    List<String> mentions = d.mentions();
    Long editedAt = d.editedAt();
    boolean deleted = d.deleted();
    List<Reaction> reactions = d.reactions();
    switch (u.action()) {
      case EDITED -> {
        body = u.body();
        editedAt = entry.ts();
      }
      case DELETED -> {
        body = "";
        attachments = List.of();
        mentions = List.of();
        reactions = List.of();
        deleted = true;
      }
      case REACTED -> reactions = react(reactions, u.emoji(), entry.senderId(), true);
      case UNREACTED -> reactions = react(reactions, u.emoji(), entry.senderId(), false);
      case PINNED, UNPINNED -> {
        // the conversation's pinned list changes, not the message
      }
    }
    return new Message(
        target.conversationId(),
        target.seq(),
        target.senderId(),
        target.senderDeviceId(),
        target.clientId(),
        target.ts(),
        target.kind(),
        body,
        attachments,
        target.event(),
        new MessageDetails(
            d.replyTo(),
            mentions,
            d.forwarded(),
            editedAt,
            deleted,
            reactions,
            d.update(),
            entry.seq()));
  }

  private static List<Reaction> react(
      List<Reaction> reactions, String emoji, String userId, boolean add) {
    Map<String, List<String>> byEmoji = new LinkedHashMap<>();
    for (Reaction r : reactions) {
      byEmoji.put(r.emoji(), new ArrayList<>(r.userIds()));
    }
    List<String> users = byEmoji.computeIfAbsent(emoji, k -> new ArrayList<>());
    if (!add) {
      users.remove(userId);
    } else if (!users.contains(userId)) {
      users.add(userId);
    }
    List<Reaction> out = new ArrayList<>();
    byEmoji.forEach(
        (e, u) -> {
          if (!u.isEmpty()) {
            out.add(new Reaction(e, u.size(), u));
          }
        });
    return out;
  }
}
