package dev.messenger.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media bytes live (PROTOCOL.md "Media"; DESIGN.md ports): a flat namespace of immutable
 * objects by key. Adapters: files under {@code data-dir} and an S3-compatible object store, both
 * held to the same contract suite ({@code MediaStoreContract}).
 *
 * <p>Keys are made by {@link Media} ({@code [a-z0-9/]}, at most 200 characters). An object is
 * written once and never changed: writing a key again with other content is not supported. Every
 * method blocks on I/O (call it off the event loop) and fails with {@link IOException}; a missing
 * object is {@link java.nio.file.NoSuchFileException}. Implementations are thread-safe.
 */
public interface MediaStore {

  /**
   * Stores the bytes of {@code source} under {@code key}; the object becomes visible whole or not
   * at all. The store may move {@code source} instead of copying it: afterwards the caller deletes
   * {@code source} if it still exists.
   */
  void put(String key, Path source) throws IOException;

  /** True if an object is stored under {@code key}. */
  boolean exists(String key) throws IOException;

  /** Length of the object in bytes. */
  long size(String key) throws IOException;

  /**
   * Reads {@code length} bytes of the object from byte {@code offset} (both >= 0, within the
   * object). The caller closes the stream.
   */
  InputStream open(String key, long offset, long length) throws IOException;

  /** Removes the object; does nothing if there is none. */
  void delete(String key) throws IOException;

  /**
   * The object as a local file, when the store keeps it as one, so that the edge can send it
   * without copying (e.g. {@code sendfile}); empty otherwise. The file must not be changed.
   */
  default Optional<Path> localFile(String key) {
    return Optional.empty();
  }
}
