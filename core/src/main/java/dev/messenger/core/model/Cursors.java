package dev.messenger.core.model;

import dev.messenger.core.MessengerException;

/**
 * The cursor rule every store applies to an ack (PROTOCOL.md "Receipts are cumulative cursors"):
 * cursors never move back, and {@code read} implies {@code delivered}. Adapters read the member and
 * the conversation's last seq, call {@link #advance} and write back the member it returns if a
 * cursor moved. Pure functions, thread-safe.
 */
public final class Cursors {
  private Cursors() {}

  /**
   * The member after acking everything up to {@code seq} with {@code status}, and which cursors
   * moved.
   *
   * @param member the user's membership, or null if it has none
   * @param lastSeq the conversation's last seq
   * @throws MessengerException {@code bad_request} if {@code seq} is above {@code lastSeq}, {@code
   *     not_found} if {@code member} is null or no longer active
   */
  public static CursorMove advance(Member member, long lastSeq, ReceiptStatus status, long seq) {
    if (seq > lastSeq) {
      throw MessengerException.badRequest(
          "seq " + seq + " is above the conversation's lastSeq " + lastSeq);
    }
    if (member == null || !member.active()) {
      throw MessengerException.notFound("no such conversation");
    }
    long read = status == ReceiptStatus.READ ? Math.max(member.readSeq(), seq) : member.readSeq();
    long delivered = Math.max(member.deliveredSeq(), Math.max(seq, read));
    Member after =
        new Member(
            member.conversationId(),
            member.userId(),
            member.role(),
            member.joinedSeq(),
            delivered,
            read,
            member.leftSeq(),
            member.settings());
    return new CursorMove(after, delivered != member.deliveredSeq(), read != member.readSeq());
  }
}
