package dev.messenger.store;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.model.TargetState;
import dev.messenger.core.model.Update;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.store.UpdateLog;
import dev.messenger.core.store.UpdateResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link UpdateLog} on SQL (PROTOCOL.md section 4): each update runs in the {@link
 * GroupCommitWriter}'s transaction with its conversation row locked ({@code SELECT ... FOR UPDATE}
 * on PostgreSQL; SQLite's single writer excludes the rest), so the rule sees the state the change
 * applies to even with writers on several nodes. The seq is allocated only when the rule says the
 * update changes something: a no-op takes none (and records no {@code message.updated} webhook
 * event; a change records one in its transaction, PROTOCOL.md section 8). Update entries do not
 * move the conversation's last activity. Reads on the pool. Thread-safe.
 */
public final class JdbcUpdateLog implements UpdateLog {
  private final Database db;

  public JdbcUpdateLog(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<UpdateResult> update(NewUpdate u, Rule rule) {
    return db.writer().submit(u.conversationId(), c -> apply(c, u, rule));
  }

  private UpdateResult apply(Connection c, NewUpdate u, Rule rule) throws SQLException {
    String conversationId = u.conversationId();
    Update update = u.update();
    Sql.oneCached(
            c,
            rs -> rs.getLong(1),
            "SELECT last_seq FROM conversations WHERE id = ?" + db.dialect().forUpdate(),
            conversationId)
        .orElseThrow(() -> MessengerException.notFound("no such conversation"));
    Message target =
        JdbcMessageLog.current(c, conversationId, update.target())
            .orElseThrow(() -> MessengerException.notFound("no such message"));
    Update.Action a = update.action();
    boolean reacting = a == Update.Action.REACTED || a == Update.Action.UNREACTED;
    boolean pinning = a == Update.Action.PINNED || a == Update.Action.UNPINNED;
    List<Reaction> reactions = reacting ? target.details().reactions() : List.of();
    boolean pinned = false;
    int pinnedCount = 0;
    if (pinning) {
      List<Long> pins = pinnedIn(c, conversationId);
      pinned = pins.contains(update.target());
      pinnedCount = pins.size();
    }
    if (!rule.changes(new TargetState(target, reactions, pinned, pinnedCount))) {
      return new UpdateResult(null, target);
    }
    long seq =
        Sql.oneCached(
                c,
                rs -> rs.getLong(1),
                "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
                conversationId)
            .orElseThrow();
    Message entry = u.at(seq);
    Rows.insert(c, entry);
    applyTo(c, entry, update);
    db.outbox().record(c, "message.updated", conversationId, seq, entry);
    return new UpdateResult(
        entry, JdbcMessageLog.current(c, conversationId, update.target()).orElseThrow());
  }

  /**
   * Applies the entry to its target and sets the target's {@code update_seq} to the entry's seq: in
   * the same statement for edits and deletes, which rewrite the row anyway, in one more for
   * reactions and pins.
   */
  private static void applyTo(Connection c, Message entry, Update update) throws SQLException {
    String id = entry.conversationId();
    long target = update.target();
    Update.Action a = update.action();
    if (a != Update.Action.EDITED && a != Update.Action.DELETED) {
      Sql.updateCached(
          c,
          "UPDATE messages SET update_seq = ? WHERE conversation_id = ? AND seq = ?",
          entry.seq(),
          id,
          target);
    }
    switch (update.action()) {
      case EDITED ->
          Sql.updateCached(
              c,
              "UPDATE messages SET body = ?, edited_at = ?, update_seq = ?"
                  + " WHERE conversation_id = ? AND seq = ?",
              update.body(),
              entry.ts(),
              entry.seq(),
              id,
              target);
      case DELETED -> {
        Sql.updateCached(
            c,
            "UPDATE messages SET body = '', attachments = NULL, mentions = NULL, deleted = 1,"
                + " update_seq = ? WHERE conversation_id = ? AND seq = ?",
            entry.seq(),
            id,
            target);
        Sql.updateCached(
            c, "DELETE FROM reactions WHERE conversation_id = ? AND seq = ?", id, target);
        // Its media are no longer readable through it (the uploader still reads its own).
        Sql.updateCached(
            c, "DELETE FROM message_media WHERE conversation_id = ? AND seq = ?", id, target);
      }
      case REACTED ->
          Sql.updateCached(
              c,
              "INSERT INTO reactions (conversation_id, seq, emoji, user_id, added_seq, emoji_seq)"
                  + " VALUES (?, ?, ?, ?, ?, COALESCE((SELECT MIN(emoji_seq) FROM reactions"
                  + " WHERE conversation_id = ? AND seq = ? AND emoji = ?), ?))",
              id,
              target,
              update.emoji(),
              entry.senderId(),
              entry.seq(),
              id,
              target,
              update.emoji(),
              entry.seq());
      case UNREACTED ->
          Sql.updateCached(
              c,
              "DELETE FROM reactions WHERE conversation_id = ? AND seq = ? AND emoji = ?"
                  + " AND user_id = ?",
              id,
              target,
              update.emoji(),
              entry.senderId());
      case PINNED ->
          Sql.updateCached(
              c,
              "INSERT INTO pins (conversation_id, seq, pinned_seq) VALUES (?, ?, ?)",
              id,
              target,
              entry.seq());
      case UNPINNED ->
          Sql.updateCached(c, "DELETE FROM pins WHERE conversation_id = ? AND seq = ?", id, target);
    }
  }

  private static List<Long> pinnedIn(Connection c, String conversationId) throws SQLException {
    return Sql.list(
        c,
        rs -> rs.getLong(1),
        "SELECT seq FROM pins WHERE conversation_id = ? ORDER BY seq",
        conversationId);
  }

  @Override
  public List<Long> pinned(String conversationId) {
    return Sql.read(db, c -> pinnedIn(c, conversationId));
  }

  @Override
  public Map<String, List<Long>> pinnedOf(String userId) {
    return Sql.read(
        db,
        c -> {
          Map<String, List<Long>> out = new LinkedHashMap<>();
          Sql.list(
                  c,
                  rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                  "SELECT p.conversation_id, p.seq FROM pins p JOIN members mb"
                      + " ON mb.conversation_id = p.conversation_id"
                      + " WHERE mb.user_id = ? AND mb.left_seq = 0"
                      + " ORDER BY p.conversation_id, p.seq",
                  userId)
              .forEach(
                  e ->
                      out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                          .add(e.getValue()));
          return out;
        });
  }
}
