package dev.messenger.core.store;

import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.ReceiptStatus;
import java.util.concurrent.CompletableFuture;

/**
 * The members' receipt cursors ({@code deliveredSeq}, {@code readSeq}). Guarantees, failures and
 * thread-safety as in the {@linkplain dev.messenger.core.store package} description.
 */
public interface CursorStore {

  /**
   * Moves the member's cursors as {@link dev.messenger.core.model.Cursors#advance} says ({@code
   * read} raises {@code delivered} too; never lowered) and returns the move. Fails with {@code
   * not_found} if the conversation does not exist or the user is not an active member, {@code
   * bad_request} if {@code seq} is above the conversation's last seq.
   */
  CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq);
}
