package dev.messenger.store;

import dev.messenger.core.accounts.User;
import dev.messenger.core.blocking.BlockStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@link BlockStore} on SQL (table {@code blocks}, migration V5). Thread-safe. */
public final class JdbcBlockStore implements BlockStore {
  private final Database db;

  public JdbcBlockStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<Void> block(String blockerId, String blockedId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  blockerId,
                  blockedId,
                  at);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> unblock(String blockerId, String blockedId) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?",
                  blockerId,
                  blockedId);
              return null;
            });
  }

  @Override
  public List<User> blockedBy(String blockerId) {
    String columns =
        String.join(
            ", ",
            java.util.Arrays.stream(JdbcAccountStore.USER_COLUMNS.split(","))
                .map(col -> "u." + col.strip())
                .toList());
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcAccountStore::user,
                "SELECT "
                    + columns
                    + " FROM blocks b JOIN users u ON u.id = b.blocked_id"
                    + " WHERE b.blocker_id = ? ORDER BY u.username",
                blockerId));
  }

  @Override
  public Set<String> blocking(String userId) {
    return new HashSet<>(
        Sql.read(
            db,
            c ->
                Sql.list(
                    c,
                    rs -> rs.getString(1),
                    "SELECT blocked_id FROM blocks WHERE blocker_id = ?",
                    userId)));
  }

  @Override
  public Set<String> blockers(String userId) {
    return new HashSet<>(
        Sql.read(
            db,
            c ->
                Sql.list(
                    c,
                    rs -> rs.getString(1),
                    "SELECT blocker_id FROM blocks WHERE blocked_id = ?",
                    userId)));
  }
}
