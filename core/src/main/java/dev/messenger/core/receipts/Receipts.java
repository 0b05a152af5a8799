package dev.messenger.core.receipts;

import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.conversations.Access;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.store.ConversationStore;
import dev.messenger.core.store.CursorStore;
import java.util.concurrent.CompletableFuture;

/**
 * Delivered and read acks (PROTOCOL.md "Receipts are cumulative cursors"): raise the member's
 * cursor durably, then tell every member's connected devices with a {@code receipt}. Thread-safe;
 * blocks on a store read (call off the event loop). Fails with {@code bad_request} for a seq below
 * 1 or above {@code lastSeq}, {@code not_found}/{@code forbidden} for non-members: always in the
 * returned future, never by throwing.
 */
public final class Receipts {
  private final CursorStore cursors;
  private final ConversationStore store;
  private final Access access;
  private final Fanout fanout;

  /**
   * @param cursors where the cursors are kept
   * @param store the membership, for the access rule and whom to tell
   */
  public Receipts(CursorStore cursors, ConversationStore store, Fanout fanout) {
    this.cursors = cursors;
    this.store = store;
    this.access = new Access(store);
    this.fanout = fanout;
  }

  /** Acks everything up to {@code seq}; the future completes after the commit and fan-out. */
  public CompletableFuture<CursorMove> ack(
      Caller caller, String conversationId, long seq, ReceiptStatus status) {
    return Futures.attempt(() -> ackNow(caller, conversationId, seq, status));
  }

  private CompletableFuture<CursorMove> ackNow(
      Caller caller, String conversationId, long seq, ReceiptStatus status) {
    if (status == null) {
      throw MessengerException.badRequest("status must be delivered or read");
    }
    if (seq < 1) {
      throw MessengerException.badRequest("seq must be >= 1");
    }
    access.requireActive(conversationId, caller.userId());
    return cursors
        .advanceCursor(conversationId, caller.userId(), status, seq)
        .thenApply(
            move -> {
              if (move.deliveredMoved() || move.readMoved()) {
                var members = store.fanoutMembers(conversationId);
                if (move.deliveredMoved()) {
                  fanout.toMembers(
                      members,
                      new BusEvent.ReceiptMoved(
                          conversationId,
                          caller.userId(),
                          ReceiptStatus.DELIVERED,
                          move.member().deliveredSeq()));
                }
                if (move.readMoved()) {
                  fanout.toMembers(
                      members,
                      new BusEvent.ReceiptMoved(
                          conversationId,
                          caller.userId(),
                          ReceiptStatus.READ,
                          move.member().readSeq()));
                }
              }
              return move;
            });
  }
}
