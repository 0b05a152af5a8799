package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A media object (PROTOCOL.md "Media"): the answer of an upload, and what a message's {@code
 * attachments} hold. Immutable.
 *
 * @param id the media id, for {@code attachments} and {@code GET /api/v1/media/{id}}
 * @param mime the type the server detected from the content
 * @param size length in bytes
 * @param sha256 SHA-256 of the content, lower-case hex
 * @param name the file name given at upload, or null
 */
public record MediaView(String id, String mime, long size, String sha256, String name) {

  /** Reads a media object. */
  public static MediaView fromJson(JsonNode node) {
    return new MediaView(
        Json.text(node, "id"),
        Json.text(node, "mime"),
        Json.number(node, "size"),
        Json.text(node, "sha256"),
        Json.text(node, "name"));
  }
}
