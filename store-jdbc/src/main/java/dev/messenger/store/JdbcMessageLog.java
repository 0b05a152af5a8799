package dev.messenger.store;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.MessageLog;
import dev.messenger.core.store.NewMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageLog} on SQL: appends through the {@link GroupCommitWriter}, the seq allocated in
 * the write transaction ({@code UPDATE conversations SET last_seq = last_seq + 1 ... RETURNING
 * last_seq}, which row-locks the conversation on PostgreSQL, so writers on several nodes get
 * unique, gap-free seqs); reads on the pool. Thread-safe.
 */
public final class JdbcMessageLog implements MessageLog {
  private final Database db;

  public JdbcMessageLog(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<AppendResult> append(NewMessage m) {
    return db.writer()
        .submit(m.conversationId(), c -> appendIn(c, m))
        .exceptionallyCompose(
            // A concurrent writer on another node stored the same clientId first: read it back.
            e ->
                MessengerException.unwrap(e).getCause() instanceof SQLException sql
                        && db.dialect().isUniqueViolation(sql)
                    ? db.writer().submit(m.conversationId(), c -> appendIn(c, m))
                    : CompletableFuture.failedFuture(e));
  }

  private AppendResult appendIn(Connection c, NewMessage m) throws SQLException {
    // The writer's hot path: statements cached on the writer's connection.
    Optional<Message> existing =
        Sql.oneCached(
            c,
            Rows::message,
            "SELECT "
                + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE sender_id = ? AND client_id = ?",
            m.senderId(),
            m.clientId());
    if (existing.isPresent()) {
      return new AppendResult(existing.get(), true);
    }
    Message stored = m.at(Rows.nextSeq(c, m.conversationId(), m.ts()));
    Rows.insert(c, stored);
    db.outbox().record(c, "message.created", stored.conversationId(), stored.seq(), stored);
    return new AppendResult(stored, false);
  }

  @Override
  public List<Message> messages(
      String conversationId, long minSeq, Long before, Long after, int limit) {
    String base =
        "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq >= ?";
    return Sql.read(
        db,
        c -> ReactionRows.attach(c, read(c, base, conversationId, minSeq, before, after, limit)));
  }

  private static List<Message> read(
      Connection c,
      String base,
      String conversationId,
      long minSeq,
      Long before,
      Long after,
      int limit)
      throws SQLException {
    if (after != null && before != null) {
      return Sql.list(
          c,
          Rows::message,
          base + " AND seq > ? AND seq < ? ORDER BY seq LIMIT ?",
          conversationId,
          minSeq,
          after,
          before,
          limit);
    }
    if (after != null) {
      return Sql.list(
          c,
          Rows::message,
          base + " AND seq > ? ORDER BY seq LIMIT ?",
          conversationId,
          minSeq,
          after,
          limit);
    }
    List<Message> newestFirst =
        before != null
            ? Sql.list(
                c,
                Rows::message,
                base + " AND seq < ? ORDER BY seq DESC LIMIT ?",
                conversationId,
                minSeq,
                before,
                limit)
            : Sql.list(
                c,
                Rows::message,
                base + " ORDER BY seq DESC LIMIT ?",
                conversationId,
                minSeq,
                limit);
    List<Message> ascending = new ArrayList<>(newestFirst);
    Collections.reverse(ascending);
    return ascending;
  }

  @Override
  public Optional<Message> message(String conversationId, long seq) {
    return Sql.snapshot(db, c -> current(c, conversationId, seq));
  }

  /** The message in its current state, reactions included. */
  static Optional<Message> current(Connection c, String conversationId, long seq)
      throws SQLException {
    Optional<Message> m =
        Sql.oneCached(
            c,
            Rows::message,
            "SELECT "
                + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE conversation_id = ? AND seq = ?",
            conversationId,
            seq);
    if (m.isEmpty() || !m.get().liveText()) {
      return m;
    }
    List<Reaction> r = ReactionRows.of(c, conversationId, seq);
    return Optional.of(
        r.isEmpty() ? m.get() : m.get().withDetails(m.get().details().withReactions(r)));
  }
}
