package dev.messenger.store;

import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.model.Message;
import dev.messenger.core.privacy.ErasureStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ErasureStore} on SQL (table {@code erasures} of migration V5 and the tables it erases
 * from); every write is one transaction through the {@link GroupCommitWriter}, and repeatable. The
 * start records the {@code user.deleted} webhook event (PROTOCOL.md section 8) once, in its
 * transaction. Thread-safe.
 */
public final class JdbcErasureStore implements ErasureStore {
  private final Database db;
  private final JdbcBlockStore blocks;

  public JdbcErasureStore(Database db) {
    this.db = db;
    this.blocks = new JdbcBlockStore(db);
  }

  @Override
  public CompletableFuture<List<String>> begin(String userId, long at) {
    return db.writer()
        .submit(
            c -> {
              int fresh =
                  Sql.update(
                      c,
                      "INSERT INTO erasures (user_id, requested_at) VALUES (?, ?)"
                          + " ON CONFLICT DO NOTHING",
                      userId,
                      at);
              List<String> devices =
                  new ArrayList<>(
                      Sql.list(
                          c,
                          rs -> rs.getString(1),
                          "SELECT id FROM devices WHERE user_id = ? AND revoked_at = 0",
                          userId));
              Sql.update(
                  c,
                  "UPDATE devices SET revoked_at = ?, push_endpoint = NULL, push_p256dh = NULL,"
                      + " push_auth = NULL, push_type = NULL, push_environment = NULL"
                      + " WHERE user_id = ? AND revoked_at = 0",
                  at,
                  userId);
              int erased =
                  Sql.update(
                      c,
                      "UPDATE users SET deleted_at = ?, display_name = '', password_hash = '',"
                          + " avatar = NULL, suspended_at = 0, external_iss = NULL,"
                          + " external_sub = NULL, external_id = NULL WHERE id = ? AND deleted_at = 0",
                      at,
                      userId);
              if (erased == 1) {
                db.outbox()
                    .record(
                        c,
                        "user.deleted",
                        OutboxEvents.userKey(userId),
                        at,
                        new User(userId, null, "", "", 0, 0, null, 0, at));
              }
              Sql.update(
                  c, "DELETE FROM contacts WHERE owner_id = ? OR contact_id = ?", userId, userId);
              Sql.update(
                  c, "DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?", userId, userId);
              return fresh == 0 && devices.isEmpty() ? List.<String>of() : devices;
            });
  }

  @Override
  public List<String> pending() {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                rs -> rs.getString(1),
                "SELECT user_id FROM erasures ORDER BY requested_at, user_id"));
  }

  @Override
  public List<String> activeGroups(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                rs -> rs.getString(1),
                "SELECT m.conversation_id FROM members m JOIN conversations k"
                    + " ON k.id = m.conversation_id"
                    + " WHERE m.user_id = ? AND m.left_seq = 0 AND k.kind = 'group'"
                    + " ORDER BY m.conversation_id",
                userId));
  }

  @Override
  public CompletableFuture<Void> eraseMessages(String userId) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "DELETE FROM reactions WHERE EXISTS (SELECT 1 FROM messages m"
                      + " WHERE m.conversation_id = reactions.conversation_id"
                      + " AND m.seq = reactions.seq AND m.sender_id = ? AND m.kind = 'text')",
                  userId);
              Sql.update(
                  c,
                  "DELETE FROM message_media WHERE EXISTS (SELECT 1 FROM messages m"
                      + " WHERE m.conversation_id = message_media.conversation_id"
                      + " AND m.seq = message_media.seq AND m.sender_id = ?)",
                  userId);
              Sql.update(
                  c,
                  "UPDATE messages SET body = '', attachments = NULL, mentions = NULL,"
                      + " deleted = 1 WHERE sender_id = ? AND kind = 'text' AND deleted = 0",
                  userId);
              // Edit entries carry the text they put in place.
              Sql.update(
                  c,
                  "UPDATE messages SET update_body = '' WHERE sender_id = ? AND kind = 'update'"
                      + " AND update_body IS NOT NULL AND update_body <> ''",
                  userId);
              return null;
            });
  }

  @Override
  public List<MediaInfo> mediaOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcMediaCatalog::media,
                "SELECT " + JdbcMediaCatalog.COLUMNS + " FROM media WHERE owner_id = ?",
                userId));
  }

  @Override
  public boolean storageKeyShared(String storageKey, String userId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> rs.getInt(1),
                    "SELECT 1 FROM media WHERE storage_key = ? AND owner_id <> ?",
                    storageKey,
                    userId)
                .isPresent());
  }

  @Override
  public CompletableFuture<Void> forgetMedia(String userId) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "DELETE FROM message_media WHERE media_id IN"
                      + " (SELECT id FROM media WHERE owner_id = ?)",
                  userId);
              Sql.update(c, "DELETE FROM media WHERE owner_id = ?", userId);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> finish(String userId) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(c, "DELETE FROM erasures WHERE user_id = ?", userId);
              return null;
            });
  }

  @Override
  public List<Message> messagesOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                Rows::message,
                "SELECT "
                    + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE sender_id = ? AND kind <> 'system'"
                    + " ORDER BY ts, conversation_id, seq",
                userId));
  }

  @Override
  public List<Device> allDevicesOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcAccountStore::device,
                "SELECT "
                    + JdbcAccountStore.DEVICE_COLUMNS
                    + " FROM devices WHERE user_id = ? ORDER BY created_at, id",
                userId));
  }

  @Override
  public List<User> blocksOf(String userId) {
    return blocks.blockedBy(userId);
  }
}
