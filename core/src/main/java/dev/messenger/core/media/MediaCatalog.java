package dev.messenger.core.media;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable records of uploads and who may read them (PROTOCOL.md "Media"). Adapter: the SQL
 * store ({@code media} and {@code message_media} tables). Reads are synchronous and may block on
 * I/O; writes return a future completed once committed, failed with a {@link
 * dev.messenger.core.MessengerException} ({@code unavailable}). Implementations are thread-safe.
 */
public interface MediaCatalog {

  /**
   * Stores the record, unless its owner already has media with the same SHA-256: then that one is
   * returned and nothing is stored (an upload of the same bytes by the same user is idempotent).
   */
  CompletableFuture<MediaInfo> add(MediaInfo media);

  Optional<MediaInfo> media(String id);

  /** The owner's media with this content, if any. */
  Optional<MediaInfo> byOwnerAndSha256(String ownerId, String sha256);

  /**
   * True if {@code userId} uploaded the media, or is an active member of a conversation holding a
   * message that carries it and that the member may see (sent at or after the member joined), or
   * the media is the avatar of a user that is not erased (PROTOCOL.md section 8: readable by every
   * user who can look the user up).
   */
  boolean readable(String userId, String mediaId);
}
