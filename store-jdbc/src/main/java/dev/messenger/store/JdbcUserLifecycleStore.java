package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.User;
import dev.messenger.core.accounts.UserLifecycleStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link UserLifecycleStore} on SQL (the {@code users} and {@code devices} columns of migration
 * V5); writes through the {@link GroupCommitWriter}. Thread-safe.
 */
public final class JdbcUserLifecycleStore
    implements UserLifecycleStore, dev.messenger.core.push.PushOutcomeStore {
  private final Database db;

  public JdbcUserLifecycleStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<User> createLinkedUser(User u, Link link) {
    return db.writer()
        .submit(
            c -> {
              try {
                Sql.update(
                    c,
                    "INSERT INTO users (id, username, display_name, password_hash, created_at,"
                        + " last_seen, external_iss, external_sub, external_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    u.id(),
                    u.username(),
                    u.displayName(),
                    u.passwordHash(),
                    u.createdAt(),
                    u.lastSeen(),
                    link.issuer(),
                    link.subject(),
                    link.externalId());
              } catch (SQLException e) {
                if (db.dialect().isUniqueViolation(e)) {
                  throw new MessengerException(
                      ErrorCode.CONFLICT, "username or external identity is taken");
                }
                throw e;
              }
              db.outbox().record(c, "user.created", OutboxEvents.userKey(u.id()), u.createdAt(), u);
              return u;
            });
  }

  @Override
  public Optional<User> userByIssuerSubject(String issuer, String subject) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::user,
                "SELECT "
                    + JdbcAccountStore.USER_COLUMNS
                    + " FROM users WHERE external_iss = ? AND external_sub = ?",
                issuer,
                subject));
  }

  @Override
  public Optional<User> userByExternalId(String externalId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::user,
                "SELECT " + JdbcAccountStore.USER_COLUMNS + " FROM users WHERE external_id = ?",
                externalId));
  }

  @Override
  public CompletableFuture<Void> setProfile(String userId, String displayName, String avatar) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "UPDATE users SET display_name = ?, avatar = ? WHERE id = ? AND deleted_at = 0",
                  displayName,
                  avatar,
                  userId);
              return null;
            });
  }

  @Override
  public CompletableFuture<List<String>> setPassword(
      String userId, String passwordHash, String keepDeviceId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
              List<String> others =
                  Sql.list(
                      c,
                      rs -> rs.getString(1),
                      "SELECT id FROM devices WHERE user_id = ? AND revoked_at = 0 AND id <> ?",
                      userId,
                      keepDeviceId);
              Sql.update(
                  c,
                  "UPDATE devices SET revoked_at = ?, push_endpoint = NULL, push_p256dh = NULL,"
                      + " push_auth = NULL, push_type = NULL, push_environment = NULL"
                      + " WHERE user_id = ? AND revoked_at = 0 AND id <> ?",
                  at,
                  userId,
                  keepDeviceId);
              return new ArrayList<>(others);
            });
  }

  @Override
  public CompletableFuture<Void> setSuspended(String userId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(c, "UPDATE users SET suspended_at = ? WHERE id = ?", at, userId);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> touchDevices(Collection<String> deviceIds, long at) {
    List<String> ids = List.copyOf(deviceIds);
    return db.writer()
        .submit(
            c -> {
              for (String id : ids) {
                Sql.update(
                    c,
                    "UPDATE devices SET last_active_at = ? WHERE id = ? AND last_active_at < ?",
                    at,
                    id,
                    at);
              }
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> setPushOutcome(String deviceId, long successAt, String error) {
    return db.writer()
        .submit(
            c -> {
              if (error == null) {
                Sql.update(
                    c,
                    "UPDATE devices SET push_last_success_at = ? WHERE id = ?",
                    successAt,
                    deviceId);
              } else {
                Sql.update(
                    c,
                    "UPDATE devices SET push_last_error = ? WHERE id = ?",
                    error.length() > 200 ? error.substring(0, 200) : error,
                    deviceId);
              }
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> dropPush(String deviceId, String endpoint, String error) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "UPDATE devices SET push_endpoint = NULL, push_p256dh = NULL, push_auth = NULL,"
                      + " push_environment = NULL, push_type = COALESCE(push_type, 'webpush'),"
                      + " push_last_error = ? WHERE id = ? AND push_endpoint = ?",
                  error.length() > 200 ? error.substring(0, 200) : error,
                  deviceId,
                  endpoint);
              return null;
            });
  }

  @Override
  public Stats stats() {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> new Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                    "SELECT (SELECT COUNT(*) FROM users WHERE deleted_at = 0),"
                        + " (SELECT COUNT(*) FROM conversations),"
                        + " (SELECT COUNT(*) FROM messages)")
                .orElseThrow());
  }
}
