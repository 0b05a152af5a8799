package dev.messenger.core.media;

import dev.messenger.core.model.Attachment;
import java.util.Objects;

/**
 * The record of one upload (PROTOCOL.md "Media"). Immutable.
 *
 * @param id the media id, opaque, at most 64 characters
 * @param ownerId the user who uploaded it
 * @param mime the type detected from the content, e.g. {@code video/mp4}
 * @param size length in bytes
 * @param sha256 SHA-256 of the content, lower-case hex
 * @param storageKey where the bytes are in the {@link MediaStore}; identical bytes share one key
 * @param createdAt upload time, ms since the epoch
 * @param name the file name given at upload (see {@link MediaNames}), or null if none
 */
public record MediaInfo(
    String id,
    String ownerId,
    String mime,
    long size,
    String sha256,
    String storageKey,
    long createdAt,
    String name) {

  /** A record without a file name. */
  public MediaInfo(
      String id,
      String ownerId,
      String mime,
      long size,
      String sha256,
      String storageKey,
      long createdAt) {
    this(id, ownerId, mime, size, sha256, storageKey, createdAt, null);
  }

  /**
   * @throws NullPointerException if a text field is null
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public MediaInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(mime, "mime");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(storageKey, "storageKey");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0");
    }
  }

  /** The media object a message carries. */
  public Attachment attachment() {
    return new Attachment(id, mime, size, sha256, name);
  }
}
