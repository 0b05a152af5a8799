package dev.messenger.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an update entry changes its target (PROTOCOL.md section 4): the fold every device applies in
 * seq order and the stores' result must equal. Pins change the conversation, not the message, so
 * they leave it as it is. Stateless and thread-safe.
 */
public final class Updates {
  private Updates() {}

  /**
   * {@code target} after {@code entry}: an edit sets body and {@code editedAt} (the entry's ts); a
   * delete empties body, attachments, mentions and reactions and sets {@code deleted}; a reaction
   * adds the user to its emoji (a new emoji goes last) or removes it (an emoji nobody has left
   * disappears).
   *
   * @throws IllegalArgumentException if {@code entry} is not an update entry
   */
  public static Message apply(Message target, Message entry) {
    Update u = entry.details().update();
    if (entry.kind() != Message.Kind.UPDATE || u == null) {
      throw new IllegalArgumentException("not an update entry: seq " + entry.seq());
    }
    MessageDetails d = target.details();
    return switch (u.action()) {
      case EDITED ->
          with(
              target,
              u.body(),
              target.attachments(),
              new MessageDetails(
                  d.replyTo(),
                  d.mentions(),
                  d.forwarded(),
                  entry.ts(),
                  d.deleted(),
                  d.reactions(),
                  d.update()));
      case DELETED ->
          with(
              target,
              "",
              List.of(),
              new MessageDetails(
                  d.replyTo(),
                  List.of(),
                  d.forwarded(),
                  d.editedAt(),
                  true,
                  List.of(),
                  d.update()));
      case REACTED ->
          target.withDetails(
              d.withReactions(react(d.reactions(), u.emoji(), entry.senderId(), true)));
      case UNREACTED ->
          target.withDetails(
              d.withReactions(react(d.reactions(), u.emoji(), entry.senderId(), false)));
      case PINNED, UNPINNED -> target;
    };
  }

  private static Message with(
      Message m, String body, List<Attachment> attachments, MessageDetails d) {
    return new Message(
        m.conversationId(),
        m.seq(),
        m.senderId(),
        m.senderDeviceId(),
        m.clientId(),
        m.ts(),
        m.kind(),
        body,
        attachments,
        m.event(),
        d);
  }

  private static List<Reaction> react(
      List<Reaction> reactions, String emoji, String userId, boolean add) {
    Map<String, List<String>> byEmoji = new LinkedHashMap<>();
    for (Reaction r : reactions) {
      byEmoji.put(r.emoji(), new ArrayList<>(r.userIds()));
    }
    List<String> users = byEmoji.computeIfAbsent(emoji, k -> new ArrayList<>());
    users.remove(userId);
    if (add) {
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
