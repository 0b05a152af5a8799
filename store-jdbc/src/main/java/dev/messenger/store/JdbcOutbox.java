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
 * by one node's sender for a lease, and {@link #settle settled}: deleted once delivered or dropped,
 * rescheduled after a failure, or released when held back behind a failure.
 *
 * <p>Ordering: a claim takes, per conversation (ordering key), a prefix of its rows in {@code seq}
 * order: a row is claimed only if every earlier row of its conversation is due, unclaimed and
 * claimed by this same statement, and at most {@code perConversation} of them. The sender delivers
 * each conversation's claimed rows one after another, so events of one conversation go out in
 * {@code seq} order. Rows with the key {@code ""} are not ordered. Several nodes may claim at once:
 * on PostgreSQL claims are serialized by a transaction-scoped advisory lock (each claim sees the
 * committed claims before it), the candidate rows are locked with {@code FOR UPDATE SKIP LOCKED}
 * and the lease ({@code claimed_until}) is checked again on update, so each row is held by one node
 * at a time; on SQLite there is one writer. Mutations run on the database's group-commit writer;
 * reads on the pool. Thread-safe.
 */
public final class JdbcOutbox {
  /**
   * One claimed event: the row id, its JSON body, its creation time (epoch ms), tries so far, and
   * its ordering key and seq.
   */
  public record Event(
      String id, String body, long createdAt, int attempts, String conversationId, long seq) {}

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

  /** The advisory lock key serializing claims on PostgreSQL (any constant of this table's own). */
  private static final long CLAIM_LOCK = 0x77656268L;

  /**
   * Claims up to {@code limit} due events for {@code nodeId} until {@code leaseUntil} (epoch ms),
   * at most {@code perConversation} of each conversation, each conversation's a prefix in seq
   * order. Completes after the claim committed.
   */
  public CompletableFuture<List<Event>> claim(
      String nodeId, long nowMillis, long leaseUntil, int limit, int perConversation) {
    boolean pg = db.dialect() == Dialect.POSTGRES;
    String sql =
        "UPDATE webhook_outbox SET claimed_by = ?, claimed_until = ? WHERE claimed_until < ? AND id"
            + " IN (SELECT o.id FROM webhook_outbox o WHERE o.next_attempt_at <= ? AND"
            + " o.claimed_until < ? AND (o.conversation_id = '' OR (NOT EXISTS (SELECT 1 FROM"
            + " webhook_outbox p WHERE p.conversation_id = o.conversation_id AND p.seq < o.seq AND"
            + " (p.next_attempt_at > ? OR p.claimed_until >= ?)) AND (SELECT COUNT(*) FROM"
            + " webhook_outbox p WHERE p.conversation_id = o.conversation_id AND p.seq < o.seq) < ?))"
            + " ORDER BY o.created_at, o.conversation_id, o.seq LIMIT ?"
            + (pg ? " FOR UPDATE SKIP LOCKED" : "")
            + ") RETURNING id, body, created_at, attempts, conversation_id, seq";
    return db.writer()
        .submit(
            c -> {
              if (pg) {
                try (PreparedStatement lock =
                    c.prepareStatement("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")")) {
                  lock.execute();
                }
              }
              List<Event> out = new ArrayList<>();
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, nodeId);
                ps.setLong(2, leaseUntil);
                ps.setLong(3, nowMillis);
                ps.setLong(4, nowMillis);
                ps.setLong(5, nowMillis);
                ps.setLong(6, nowMillis);
                ps.setLong(7, nowMillis);
                ps.setInt(8, perConversation);
                ps.setInt(9, limit);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(
                        new Event(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getLong(6)));
                  }
                }
              }
              return out;
            });
  }

  /**
   * Settles a round in one transaction: deletes delivered or dropped events, reschedules failed
   * ones ({@code retryAt}: id to next attempt, epoch ms, one more attempt counted) and releases the
   * claims of events not tried (held back behind a failure of their conversation).
   */
  public CompletableFuture<Void> settle(
      List<String> delete, java.util.Map<String, Long> retryAt, List<String> release) {
    return db.writer()
        .submit(
            c -> {
              for (String id : delete) {
                Sql.updateCached(c, "DELETE FROM webhook_outbox WHERE id = ?", id);
              }
              for (var e : retryAt.entrySet()) {
                Sql.updateCached(
                    c,
                    "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                        + " claimed_by = NULL, claimed_until = 0 WHERE id = ?",
                    e.getValue(),
                    e.getKey());
              }
              for (String id : release) {
                Sql.updateCached(
                    c,
                    "UPDATE webhook_outbox SET claimed_by = NULL, claimed_until = 0 WHERE id = ?",
                    id);
              }
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
