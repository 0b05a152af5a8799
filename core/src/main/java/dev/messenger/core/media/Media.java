package dev.messenger.core.media;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.messaging.AttachmentResolver;
import dev.messenger.core.model.Attachment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The media rules (PROTOCOL.md "Media"): registering an upload whose bytes the edge already
 * received, hashed and typed; deduplication (identical bytes are stored once, under a key made from
 * their SHA-256, and the same user uploading the same bytes again gets the same id); who may read a
 * media object (its uploader, and members who can see a message carrying it: anyone else gets
 * {@code not_found}, so ids reveal nothing); and the check of a message's attachments.
 *
 * <p>Thread-safe. Every method blocks on the catalog or the store: call it off the event loop.
 * Failures are {@link MessengerException}s ({@code bad_request}, {@code not_found}, {@code
 * too_large}, {@code unavailable} when the store fails).
 */
public final class Media implements AttachmentResolver {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final MediaCatalog catalog;
  private final MediaStore store;
  private final Clock clock;
  private final long maxBytes;

  /**
   * @param maxBytes largest upload in bytes (setting {@code max-media-bytes})
   */
  public Media(MediaCatalog catalog, MediaStore store, Clock clock, long maxBytes) {
    this.catalog = catalog;
    this.store = store;
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  /** Largest upload in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The byte store. */
  public MediaStore store() {
    return store;
  }

  /**
   * Registers an upload: stores the bytes of {@code content} unless identical bytes are stored
   * already, and records the media for {@code ownerId}. If the owner uploaded the same bytes
   * before, the earlier record is returned. The caller deletes {@code content} afterwards if it
   * still exists.
   *
   * @param size length of {@code content} in bytes
   * @param sha256 SHA-256 of {@code content}, lower-case hex
   * @param mime the type detected from the content
   * @throws MessengerException {@code bad_request} for a type that is not allowed, {@code
   *     too_large} over {@link #maxBytes()}, {@code unavailable} if the bytes cannot be stored
   */
  public CompletableFuture<MediaInfo> register(
      String ownerId, Path content, long size, String sha256, String mime) {
    return register(ownerId, content, size, sha256, mime, null);
  }

  /**
   * As {@link #register(String, Path, long, String, String)}, with the file name the uploader gave
   * (already checked by {@link MediaNames#check}; null for none). When the owner uploaded the same
   * bytes before, the earlier record (and its name) is returned: identical bytes are one media
   * object per owner, and a message carries the name the media object had when it was sent.
   */
  public CompletableFuture<MediaInfo> register(
      String ownerId, Path content, long size, String sha256, String mime, String name) {
    if (!MediaTypes.allowed(mime)) {
      throw MessengerException.badRequest(
          "only images, audio, video and PDF can be uploaded, not " + MediaTypes.base(mime));
    }
    if (size > maxBytes) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "media is larger than " + maxBytes + " bytes");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    var existing = catalog.byOwnerAndSha256(ownerId, sha256);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(existing.get());
    }
    String key = contentKey(sha256);
    try {
      if (!store.exists(key)) {
        store.put(key, content);
      }
    } catch (IOException e) {
      throw new MessengerException(ErrorCode.UNAVAILABLE, "the media store failed", e);
    }
    return catalog.add(
        new MediaInfo(
            Ids.newId("md"),
            ownerId,
            MediaTypes.base(mime),
            size,
            sha256,
            key,
            clock.millis(),
            name));
  }

  /**
   * The media if {@code userId} may read it.
   *
   * @throws MessengerException {@code not_found} if it does not exist or the user may not read it
   */
  public MediaInfo readable(String userId, String mediaId) {
    if (mediaId == null || mediaId.isEmpty() || mediaId.length() > 64) {
      throw MessengerException.notFound("no such media");
    }
    MediaInfo m =
        catalog.media(mediaId).orElseThrow(() -> MessengerException.notFound("no such media"));
    if (!m.ownerId().equals(userId) && !catalog.readable(userId, mediaId)) {
      throw MessengerException.notFound("no such media");
    }
    return m;
  }

  /** A user may attach any media it may read: its own uploads, and media it was sent. */
  @Override
  public List<Attachment> resolve(String userId, List<String> mediaIds) {
    List<Attachment> out = new ArrayList<>(mediaIds.size());
    for (String id : mediaIds) {
      try {
        out.add(readable(userId, id).attachment());
      } catch (MessengerException e) {
        throw MessengerException.notFound("no such media: " + clip(id));
      }
    }
    return out;
  }

  /** The store key of content with this SHA-256: {@code media/ab/abcdef...}. */
  public static String contentKey(String sha256) {
    return "media/" + sha256.substring(0, 2) + "/" + sha256;
  }

  /** The store key of the thumbnail of content with this SHA-256. */
  public static String thumbnailKey(String sha256) {
    return "thumbs/" + sha256.substring(0, 2) + "/" + sha256;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) : s;
  }
}
