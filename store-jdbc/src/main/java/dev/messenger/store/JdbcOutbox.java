package dev.messenger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The webhook outbox table ({@code webhook_outbox}, V7; PROTOCOL.md section 8 "Webhooks"): events
 * are {@link #insert inserted} inside the transaction of their change, then {@link #claim claimed}
 * by one node's sender for a lease, and {@link #delete deleted} once delivered or dropped, or
 * {@link #retryAt rescheduled} after a failure.
 *
 * <p>Ordering: a claim takes only the head of each conversation (the row with the lowest {@code
 * seq} of its conversation), so events of one conversation go out one at a time, in {@code seq}
 * order. Several nodes may claim at once: on PostgreSQL the candidate rows are locked with {@code
 * FOR UPDATE SKIP LOCKED} and the lease ({@code claimed_until}) is checked again on update, so each
 * row is held by one node at a time; on SQLite there is one writer. Mutations run on the database's
 * group-commit writer; reads on the pool. Thread-safe.
 */
public final class JdbcOutbox {
  /** One claimed event: the row id, its JSON body, its creation time (epoch ms), tries so far. */
  public record Event(String id, String body, long createdAt, int attempts) {}

  /** Depth and oldest creation time (epoch ms, 0 if empty) of the outbox. */
  public record Stats(long depth, long oldestCreatedAt) {}

  private final Database db;

  public JdbcOutbox(Database db) {
    this.db = db;
  }

  /** Inserts one event on {@code c}, the change's write transaction; due at once. */
  public static void insert(
      Connection c,
      String id,
      String type,
      String conversationId,
      long seq,
      String body,
      long nowMillis)
      throws SQLException {
    Sql.updateCached(
        c,
        "INSERT INTO webhook_outbox (id, type, conversation_id, seq, body, created_at,"
            + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        type,
        conversationId,
        seq,
        body,
        nowMillis,
        nowMillis);
  }

  /**
   * Claims up to {@code limit} due conversation heads for {@code nodeId} until {@code leaseUntil}
   * (epoch ms). Completes after the claim committed.
   */
  public CompletableFuture<List<Event>> claim(
      String nodeId, long nowMillis, long leaseUntil, int limit) {
    String lock = db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    String sql =
        "UPDATE webhook_outbox SET claimed_by = ?, claimed_until = ? WHERE claimed_until < ? AND id"
            + " IN (SELECT o.id FROM webhook_outbox o WHERE o.next_attempt_at <= ? AND"
            + " o.claimed_until < ? AND NOT EXISTS (SELECT 1 FROM webhook_outbox p WHERE"
            + " p.conversation_id = o.conversation_id AND p.conversation_id <> '' AND p.seq <"
            + " o.seq) ORDER BY o.created_at LIMIT ?"
            + lock
            + ") RETURNING id, body, created_at, attempts";
    return db.writer()
        .submit(
            c -> {
              List<Event> out = new ArrayList<>();
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, nodeId);
                ps.setLong(2, leaseUntil);
                ps.setLong(3, nowMillis);
                ps.setLong(4, nowMillis);
                ps.setLong(5, nowMillis);
                ps.setInt(6, limit);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(
                        new Event(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)));
                  }
                }
              }
              return out;
            });
  }

  /** Deletes delivered or dropped events. */
  public CompletableFuture<Void> delete(List<String> ids) {
    return db.writer()
        .submit(
            c -> {
              for (String id : ids) {
                Sql.updateCached(c, "DELETE FROM webhook_outbox WHERE id = ?", id);
              }
              return null;
            });
  }

  /** Releases a failed event, to be tried again at {@code nextAttemptAt} (epoch ms). */
  public CompletableFuture<Void> retryAt(String id, long nextAttemptAt) {
    return db.writer()
        .submit(
            c -> {
              Sql.updateCached(
                  c,
                  "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                      + " claimed_by = NULL, claimed_until = 0 WHERE id = ?",
                  nextAttemptAt,
                  id);
              return null;
            });
  }

  /**
   * How many events wait and when the oldest was made.
   *
   * @throws dev.messenger.core.MessengerException {@code unavailable} if the store cannot be read
   */
  public Stats stats() {
    return Sql.read(
        db,
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM webhook_outbox");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Stats(rs.getLong(1), rs.getLong(2));
          }
        });
  }
}
