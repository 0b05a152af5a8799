package dev.messenger.server.media;

import dev.messenger.core.media.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link MediaStore} on the local file system: the object {@code media/ab/abc...} is the file
 * {@code root/media/ab/abc...} (the default store, {@code media-store=file}, root = {@code
 * data-dir}). A put flushes the bytes to disk ({@code fsync}) and then renames them into place, so
 * an object is whole or absent, also after a crash. Thread-safe; blocks on disk I/O.
 */
public final class FileMediaStore implements MediaStore {
  private static final Pattern KEY = Pattern.compile("[a-z0-9]+(/[a-z0-9]+)*");

  private final Path root;

  /**
   * @param root the directory holding the objects; created if missing
   * @throws IOException if it cannot be created
   */
  public FileMediaStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toAbsolutePath();
  }

  @Override
  public void put(String key, Path source) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Another file system: copy next to the target, flush, then rename.
      Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.copy(source, tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(path(key));
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    FileChannel ch = FileChannel.open(path(key), StandardOpenOption.READ);
    try {
      ch.position(offset);
      return new BoundedInputStream(Channels.newInputStream(ch), length);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public Optional<Path> localFile(String key) {
    Path p = path(key);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private Path path(String key) {
    if (key == null || key.length() > 200 || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a media key: " + key);
    }
    return root.resolve(key);
  }

  /** Reads at most {@code remaining} bytes of a stream, then reports its end. */
  static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
