/**
 * Media messages (PROTOCOL.md "Media"): the upload rules ({@link dev.messenger.core.media.Media},
 * {@link dev.messenger.core.media.MediaTypes}), who may read what, and the two ports: {@link
 * dev.messenger.core.media.MediaStore} for the bytes (files or an S3-compatible object store) and
 * {@link dev.messenger.core.media.MediaCatalog} for the records (the SQL store).
 */
package dev.messenger.core.media;
