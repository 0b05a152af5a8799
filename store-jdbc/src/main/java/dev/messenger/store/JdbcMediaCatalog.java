package dev.messenger.store;

import dev.messenger.core.media.MediaCatalog;
import dev.messenger.core.media.MediaInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MediaCatalog} on SQL (tables {@code media} and {@code message_media}, migrations V2 and
 * V10); writes go through the {@link GroupCommitWriter}. Thread-safe.
 */
public final class JdbcMediaCatalog implements MediaCatalog {
  static final String COLUMNS = "id, owner_id, mime, size, sha256, storage_key, created_at, name";

  private final Database db;

  public JdbcMediaCatalog(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<MediaInfo> add(MediaInfo m) {
    return db.writer()
        .submit(
            c -> {
              Optional<MediaInfo> existing =
                  Sql.one(
                      c,
                      JdbcMediaCatalog::media,
                      "SELECT " + COLUMNS + " FROM media WHERE owner_id = ? AND sha256 = ?",
                      m.ownerId(),
                      m.sha256());
              if (existing.isPresent()) {
                return existing.get();
              }
              Sql.update(
                  c,
                  "INSERT INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  m.id(),
                  m.ownerId(),
                  m.mime(),
                  m.size(),
                  m.sha256(),
                  m.storageKey(),
                  m.createdAt(),
                  m.name());
              return m;
            });
  }

  @Override
  public Optional<MediaInfo> media(String id) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c, JdbcMediaCatalog::media, "SELECT " + COLUMNS + " FROM media WHERE id = ?", id));
  }

  @Override
  public Optional<MediaInfo> byOwnerAndSha256(String ownerId, String sha256) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcMediaCatalog::media,
                "SELECT " + COLUMNS + " FROM media WHERE owner_id = ? AND sha256 = ?",
                ownerId,
                sha256));
  }

  @Override
  public boolean readable(String userId, String mediaId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> rs.getInt(1),
                    "SELECT 1 FROM media WHERE id = ? AND owner_id = ?"
                        + " UNION ALL"
                        + " SELECT 1 FROM message_media mm JOIN members m"
                        + " ON m.conversation_id = mm.conversation_id"
                        + " WHERE mm.media_id = ? AND m.user_id = ? AND m.left_seq = 0"
                        + " AND mm.seq >= m.joined_seq"
                        + " UNION ALL"
                        + " SELECT 1 FROM users WHERE avatar = ? AND deleted_at = 0",
                    mediaId,
                    userId,
                    mediaId,
                    userId,
                    mediaId)
                .isPresent());
  }

  static MediaInfo media(ResultSet rs) throws SQLException {
    return new MediaInfo(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getString(8));
  }
}
