package dev.messenger.core.model;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;

/**
 * The rules of PROTOCOL.md section 4 ("Messages that change") as one pure function: given an update
 * and its target's current state, decides whether it changes anything or throws the error the
 * protocol prescribes. The store calls it inside the update's transaction, so the decision and the
 * change see the same state. Visibility ({@code not_found}) is checked before, by the caller.
 * Stateless and thread-safe.
 */
public final class Changes {
  /** At most this many distinct emoji on one message ({@code too_large}). */
  public static final int MAX_EMOJI_PER_MESSAGE = 20;

  /** At most this many pinned messages per conversation ({@code too_large}). */
  public static final int MAX_PINNED = 50;

  private Changes() {}

  /**
   * The windows within which a sender may edit and delete its own message, in ms.
   *
   * @param editMs setting {@code edit-window}
   * @param deleteMs setting {@code delete-window}
   */
  public record Windows(long editMs, long deleteMs) {}

  /**
   * True if {@code update} by {@code caller} changes its target; false for a no-op (reacting twice
   * with the same emoji, unreacting one not there, deleting a deleted message, pinning a pinned
   * one, unpinning one not pinned, editing to the same body), which stores nothing.
   *
   * @param kind the conversation's kind (admins delete and pin in groups)
   * @param now the update's ts, ms since the epoch
   * @throws MessengerException {@code bad_request} for a target that is not {@code text}, or an
   *     edit to a blank body of a message without attachments; {@code forbidden} for an edit or
   *     delete by someone not allowed, or past its window, or a pin in a group by a non-admin;
   *     {@code conflict} for editing, reacting to or pinning a deleted message; {@code too_large}
   *     past the emoji and pin limits
   */
  public static boolean changes(
      Update update,
      TargetState state,
      Member caller,
      Conversation.Kind kind,
      long now,
      Windows windows) {
    Message target = state.target();
    if (target.kind() != Message.Kind.TEXT) {
      throw MessengerException.badRequest("only text messages can change");
    }
    boolean deleted = target.details().deleted();
    boolean own = target.senderId().equals(caller.userId());
    boolean admin = kind == Conversation.Kind.GROUP && caller.role() == Member.Role.ADMIN;
    long age = now - target.ts();
    return switch (update.action()) {
      case EDITED -> {
        if (!own) {
          throw MessengerException.forbidden("only the sender can edit a message");
        }
        if (deleted) {
          throw new MessengerException(ErrorCode.CONFLICT, "the message was deleted");
        }
        if (age > windows.editMs()) {
          throw MessengerException.forbidden("the message is too old to edit");
        }
        if (update.body().isBlank() && target.attachments().isEmpty()) {
          throw MessengerException.badRequest("body must not be empty");
        }
        yield !update.body().equals(target.body());
      }
      case DELETED -> {
        if (!(own && age <= windows.deleteMs()) && !admin) {
          throw MessengerException.forbidden(
              own
                  ? "the message is too old to delete"
                  : "only the sender or a group admin can delete a message");
        }
        yield !deleted;
      }
      case REACTED -> {
        if (deleted) {
          throw new MessengerException(ErrorCode.CONFLICT, "the message was deleted");
        }
        Reaction same =
            state.reactions().stream()
                .filter(r -> r.emoji().equals(update.emoji()))
                .findFirst()
                .orElse(null);
        if (same != null && same.userIds().contains(caller.userId())) {
          yield false;
        }
        if (same == null && state.reactions().size() >= MAX_EMOJI_PER_MESSAGE) {
          throw new MessengerException(
              ErrorCode.TOO_LARGE,
              "a message has at most " + MAX_EMOJI_PER_MESSAGE + " different reactions");
        }
        yield true;
      }
      case UNREACTED ->
          state.reactions().stream()
              .anyMatch(
                  r -> r.emoji().equals(update.emoji()) && r.userIds().contains(caller.userId()));
      case PINNED -> {
        requirePinner(kind, admin);
        if (deleted) {
          throw new MessengerException(ErrorCode.CONFLICT, "the message was deleted");
        }
        if (state.pinned()) {
          yield false;
        }
        if (state.pinnedCount() >= MAX_PINNED) {
          throw new MessengerException(
              ErrorCode.TOO_LARGE, "a conversation has at most " + MAX_PINNED + " pinned messages");
        }
        yield true;
      }
      case UNPINNED -> {
        requirePinner(kind, admin);
        yield state.pinned();
      }
    };
  }

  private static void requirePinner(Conversation.Kind kind, boolean admin) {
    if (kind == Conversation.Kind.GROUP && !admin) {
      throw MessengerException.forbidden("only admins can pin in a group");
    }
  }
}
