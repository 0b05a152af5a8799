package dev.messenger.core.model;

import java.util.List;

/**
 * The version 2 fields of a message (PROTOCOL.md section 4), always its current state: {@code
 * replyTo} the seq it answers (or null), {@code mentions} the user ids it mentions, {@code
 * forwarded} whether it was copied from another message, {@code editedAt} the ts (ms since the
 * epoch) of its last edit (or null), {@code deleted} once deleted for everyone, {@code reactions}
 * in the order each emoji was first used, and {@code update} what an update entry changes (null on
 * every other kind). Immutable.
 */
public record MessageDetails(
    Long replyTo,
    List<String> mentions,
    boolean forwarded,
    Long editedAt,
    boolean deleted,
    List<Reaction> reactions,
    Update update) {

  /** A plain message: no reply, mentions, edits, reactions or update. */
  public static final MessageDetails NONE =
      new MessageDetails(null, List.of(), false, null, false, List.of(), null);

  public MessageDetails {
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    reactions = reactions == null ? List.of() : List.copyOf(reactions);
  }

  /** The details of an update entry making {@code update}. */
  public static MessageDetails of(Update update) {
    return new MessageDetails(null, List.of(), false, null, false, List.of(), update);
  }

  /** These details with the reactions replaced. */
  public MessageDetails withReactions(List<Reaction> r) {
    return new MessageDetails(replyTo, mentions, forwarded, editedAt, deleted, r, update);
  }
}
