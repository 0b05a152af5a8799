package dev.messenger.core.store;

import dev.messenger.core.model.TargetState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Update entries (PROTOCOL.md section 4, "Messages that change") and the current state of messages:
 * an edit, delete, reaction or pin is appended as a message of kind {@code update} that takes the
 * conversation's next seq, and applied to its target in the same transaction, so reads always
 * return messages in their current state. Guarantees, failures and thread-safety as in the
 * {@linkplain dev.messenger.core.store package} description.
 */
public interface UpdateLog {

  /** Decides, from the target's state read in the update's transaction, whether it changes it. */
  @FunctionalInterface
  interface Rule {
    /**
     * True to store the update, false for a no-op.
     *
     * @throws dev.messenger.core.MessengerException to refuse it (nothing is stored)
     */
    boolean changes(TargetState state);
  }

  /**
   * Reads the target in the update's transaction (with the conversation locked), asks {@code rule},
   * and if it changes something appends the update entry at the next seq and applies it: an edit
   * sets the body and {@code editedAt}; a delete empties body, attachments, mentions and reactions,
   * marks the message deleted and unlinks its media (they are no longer readable through it); a
   * reaction or pin is added or removed. Fails with {@code not_found} if the target does not exist,
   * or with what {@code rule} throws.
   */
  CompletableFuture<UpdateResult> update(NewUpdate update, Rule rule);

  /** The pinned seqs of a conversation, ascending. */
  List<Long> pinned(String conversationId);

  /** The pinned seqs of every conversation the user is an active member of, by conversation. */
  Map<String, List<Long>> pinnedOf(String userId);
}
