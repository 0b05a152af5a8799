/**
 * The media adapters of the edge (PROTOCOL.md "Media"): the two {@link
 * dev.messenger.core.media.MediaStore}s ({@link dev.messenger.server.media.FileMediaStore}, {@link
 * dev.messenger.server.media.S3MediaStore}), type detection from the content with Apache Tika,
 * thumbnails with Thumbnailator, HTTP ranges, and the settings.
 */
package dev.messenger.server.media;
