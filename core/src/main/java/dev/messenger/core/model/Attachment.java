package dev.messenger.core.model;

import java.util.Objects;

/**
 * A media object carried by a message (PROTOCOL.md "Message object", {@code attachments}): what a
 * client needs to show or fetch it. Immutable.
 *
 * @param id the media id ({@code GET /api/v1/media/{id}})
 * @param mime the type detected from the content at upload, e.g. {@code image/png}
 * @param size length of the content in bytes
 * @param sha256 SHA-256 of the content, lower-case hex (64 characters)
 * @param name the file name given at upload (checked by {@code MediaNames}), or null if none
 */
public record Attachment(String id, String mime, long size, String sha256, String name) {

  /** A media object without a file name. */
  public Attachment(String id, String mime, long size, String sha256) {
    this(id, mime, size, sha256, null);
  }

  /**
   * @throws NullPointerException if {@code id}, {@code mime} or {@code sha256} is null
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public Attachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mime, "mime");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0");
    }
  }
}
