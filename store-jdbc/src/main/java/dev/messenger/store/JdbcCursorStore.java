package dev.messenger.store;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.Cursors;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.store.CursorStore;
import java.util.concurrent.CompletableFuture;

/**
 * {@link CursorStore} on SQL: each ack is a write of the {@link GroupCommitWriter} that reads the
 * member, applies {@link Cursors#advance} and writes the cursors back if they moved. Thread-safe.
 */
public final class JdbcCursorStore implements CursorStore {
  private final Database db;

  public JdbcCursorStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq) {
    return db.writer()
        .submit(
            conversationId,
            c -> {
              long lastSeq =
                  Sql.oneCached(
                          c,
                          rs -> rs.getLong(1),
                          "SELECT last_seq FROM conversations WHERE id = ?",
                          conversationId)
                      .orElseThrow(() -> MessengerException.notFound("no such conversation"));
              Member m =
                  Sql.oneCached(
                          c,
                          Rows::member,
                          "SELECT "
                              + Rows.MEMBER_COLUMNS
                              + " FROM members WHERE conversation_id = ? AND user_id = ?",
                          conversationId,
                          userId)
                      .orElse(null);
              CursorMove move = Cursors.advance(m, lastSeq, status, seq);
              if (move.deliveredMoved() || move.readMoved()) {
                Sql.updateCached(
                    c,
                    "UPDATE members SET delivered_seq = ?, read_seq = ?"
                        + " WHERE conversation_id = ? AND user_id = ?",
                    move.member().deliveredSeq(),
                    move.member().readSeq(),
                    conversationId,
                    userId);
              }
              return move;
            });
  }
}
