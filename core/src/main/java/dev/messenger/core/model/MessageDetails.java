package dev.messenger.core.model;

import java.util.List;

/**
 * The version 2 fields of a message (PROTOCOL.md section 4), always its current state: {@code
 * replyTo} the seq it answers (or null), {@code mentions} the user ids it mentions, {@code
 * forwarded} whether it was copied from another message, {@code editedAt} the ts (ms since the
 * epoch) of its last edit (or null), {@code deleted} once deleted for everyone, {@code reactions}
 * in the order each emoji was first used, {@code update} what an update entry changes (null on
 * every other kind), and {@code updateSeq} the seq of the newest update entry already applied to
 * this message (null if none): a device that got the message in this state applies only the update
 * entries above it. Immutable.
 */
public record MessageDetails(
    Long replyTo,
    List<String> mentions,
    boolean forwarded,
    Long editedAt,
    boolean deleted,
    List<Reaction> reactions,
    Update update,
    Long updateSeq) {

  /** A plain message: no reply, mentions, edits, reactions or update. */
  public static final MessageDetails NONE =
      new MessageDetails(null, List.of(), false, null, false, List.of(), null, null);

  public MessageDetails {
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    reactions = reactions == null ? List.of() : List.copyOf(reactions);
  }

  /** The details of an update entry making {@code update}. */
  public static MessageDetails of(Update update) {
    return new MessageDetails(null, List.of(), false, null, false, List.of(), update, null);
  }

  /** These details with the reactions replaced. */
  public MessageDetails withReactions(List<Reaction> r) {
    return new MessageDetails(
        replyTo, mentions, forwarded, editedAt, deleted, r, update, updateSeq);
  }

  /** A message's details as sent: reply, mentions and forward, nothing applied yet. */
  public static MessageDetails sent(Long replyTo, List<String> mentions, boolean forwarded) {
    return new MessageDetails(replyTo, mentions, forwarded, null, false, List.of(), null, null);
  }
}
