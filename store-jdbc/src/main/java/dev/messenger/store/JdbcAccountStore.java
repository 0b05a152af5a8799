package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link AccountStore} on SQL; writes through the {@link GroupCommitWriter}. Thread-safe. */
public final class JdbcAccountStore implements AccountStore {
  /** The columns {@link #user} reads, in its order. */
  static final String USER_COLUMNS =
      "id, username, display_name, password_hash, created_at, last_seen, avatar, suspended_at,"
          + " deleted_at";

  private static final String INSERT_COLUMNS =
      "id, username, display_name, password_hash, created_at, last_seen";
  static final String DEVICE_COLUMNS =
      "id, user_id, name, created_at, revoked_at, push_endpoint, push_p256dh, push_auth,"
          + " last_active_at, push_last_success_at, push_last_error, push_type, push_environment";

  private final Database db;

  public JdbcAccountStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<User> createUser(User u) {
    return db.writer()
        .submit(
            c -> {
              try {
                Sql.update(
                    c,
                    "INSERT INTO users (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    u.id(),
                    u.username(),
                    u.displayName(),
                    u.passwordHash(),
                    u.createdAt(),
                    u.lastSeen());
              } catch (SQLException e) {
                if (db.dialect().isUniqueViolation(e)) {
                  throw new MessengerException(ErrorCode.CONFLICT, "username is taken");
                }
                throw e;
              }
              db.outbox().record(c, "user.created", OutboxEvents.userKey(u.id()), u.createdAt(), u);
              return u;
            });
  }

  @Override
  public Optional<User> user(String id) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::user,
                "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?",
                id));
  }

  @Override
  public Optional<User> userByUsername(String username) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::user,
                "SELECT " + USER_COLUMNS + " FROM users WHERE username = ?",
                username.toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public CompletableFuture<Device> createDevice(Device d, String tokenHash) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "INSERT INTO devices (id, user_id, name, token_hash, created_at, revoked_at,"
                      + " last_active_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
                  d.id(),
                  d.userId(),
                  d.name(),
                  tokenHash,
                  d.createdAt(),
                  d.lastActiveAt());
              return d;
            });
  }

  @Override
  public Optional<Device> deviceByTokenHash(String tokenHash) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::device,
                "SELECT "
                    + DEVICE_COLUMNS
                    + " FROM devices WHERE token_hash = ? AND revoked_at = 0",
                tokenHash));
  }

  @Override
  public Optional<Device> device(String deviceId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcAccountStore::device,
                "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE id = ?",
                deviceId));
  }

  @Override
  public List<Device> devicesOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcAccountStore::device,
                "SELECT "
                    + DEVICE_COLUMNS
                    + " FROM devices WHERE user_id = ? AND revoked_at = 0 ORDER BY created_at, id",
                userId));
  }

  @Override
  public CompletableFuture<Void> revokeDevice(String deviceId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "UPDATE devices SET revoked_at = ?, push_endpoint = NULL, push_p256dh = NULL,"
                      + " push_auth = NULL, push_type = NULL, push_environment = NULL"
                      + " WHERE id = ? AND revoked_at = 0",
                  at,
                  deviceId);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> setPush(String deviceId, Device.PushSubscription push) {
    return db.writer()
        .submit(
            c -> {
              // A new endpoint or token starts a new status; the same one keeps its status.
              String endpoint = push == null ? null : push.endpoint();
              Sql.update(
                  c,
                  "UPDATE devices SET push_last_success_at = CASE WHEN push_endpoint = ? THEN"
                      + " push_last_success_at ELSE 0 END, push_last_error = CASE WHEN"
                      + " push_endpoint = ? THEN push_last_error ELSE NULL END, push_endpoint = ?,"
                      + " push_p256dh = ?, push_auth = ?, push_type = ?, push_environment = ?"
                      + " WHERE id = ?",
                  endpoint,
                  endpoint,
                  endpoint,
                  push == null ? null : push.p256dh(),
                  push == null ? null : push.auth(),
                  push == null ? null : push.kind().wire(),
                  push == null ? null : push.environment(),
                  deviceId);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> addContact(String ownerId, String contactId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "INSERT INTO contacts (owner_id, contact_id, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  ownerId,
                  contactId,
                  at);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> removeContact(String ownerId, String contactId) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?",
                  ownerId,
                  contactId);
              return null;
            });
  }

  @Override
  public List<User> contacts(String ownerId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcAccountStore::user,
                "SELECT u.id, u.username, u.display_name, u.password_hash, u.created_at,"
                    + " u.last_seen, u.avatar, u.suspended_at, u.deleted_at"
                    + " FROM contacts k JOIN users u ON u.id = k.contact_id"
                    + " WHERE k.owner_id = ? ORDER BY u.username",
                ownerId));
  }

  @Override
  public boolean hasContact(String ownerId, String contactId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> rs.getInt(1),
                    "SELECT 1 FROM contacts WHERE owner_id = ? AND contact_id = ?",
                    ownerId,
                    contactId)
                .isPresent());
  }

  @Override
  public CompletableFuture<Void> setLastSeen(String userId, long at) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(c, "UPDATE users SET last_seen = ? WHERE id = ?", at, userId);
              return null;
            });
  }

  /** Reads a row of {@link #USER_COLUMNS}. */
  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getLong(8),
        rs.getLong(9));
  }

  static Device device(ResultSet rs) throws SQLException {
    String endpoint = rs.getString(6);
    String type = rs.getString(12);
    Device.PushSubscription.Kind kind =
        type == null
            ? Device.PushSubscription.Kind.WEBPUSH
            : Device.PushSubscription.Kind.ofWire(type);
    Device.PushSubscription push =
        endpoint == null || kind == null
            ? null
            : new Device.PushSubscription(
                kind, endpoint, rs.getString(7), rs.getString(8), rs.getString(13));
    return new Device(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        push,
        rs.getLong(9),
        rs.getLong(10),
        rs.getString(11),
        push != null ? kind.wire() : type);
  }
}
