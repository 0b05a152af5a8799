package dev.messenger.server.media;

import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.media.MediaStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image thumbnails for {@code GET /api/v1/media/{id}?thumb=1}: at most {@value #MAX_PIXELS} pixels
 * on the longer side, PNG for PNG and GIF sources (transparency), JPEG otherwise. Made once per
 * content with Thumbnailator and kept in the {@link MediaStore} under {@link Media#thumbnailKey};
 * images already that small are their own thumbnail. Formats Java cannot decode (e.g. WebP, HEIC)
 * and images over {@value #MAX_SOURCE_PIXELS} pixels (decompression bombs) get none.
 *
 * <p>Thread-safe: concurrent first requests for one image share one generation. Blocks on I/O and
 * CPU: call off the event loop.
 */
public final class Thumbnails {
  /** Longest side of a thumbnail, in pixels. */
  public static final int MAX_PIXELS = 320;

  /** Largest source image decoded, in pixels (width times height). */
  public static final long MAX_SOURCE_PIXELS = 40_000_000L;

  /** What to send for a thumbnail: the store key, its type and length in bytes. */
  public record Thumb(String key, String mime, long size) {}

  private final MediaStore store;
  private final Path tmpDir;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Thumb>>> making =
      new ConcurrentHashMap<>();

  /**
   * @param tmpDir where thumbnails are written before they are stored
   */
  public Thumbnails(MediaStore store, Path tmpDir) {
    this.store = store;
    this.tmpDir = tmpDir;
  }

  /**
   * The thumbnail of an image, made now if it was not made before; empty when the media is not an
   * image this class can scale.
   *
   * @throws IOException if the store fails
   */
  public Optional<Thumb> thumbnail(MediaInfo m) throws IOException {
    if (!m.mime().startsWith("image/")) {
      return Optional.empty();
    }
    String mime =
        m.mime().equals("image/png") || m.mime().equals("image/gif") ? "image/png" : "image/jpeg";
    String key = Media.thumbnailKey(m.sha256());
    if (store.exists(key)) {
      return Optional.of(new Thumb(key, mime, store.size(key)));
    }
    CompletableFuture<Optional<Thumb>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Thumb>> running = making.putIfAbsent(key, mine);
    if (running != null) {
      return running.join();
    }
    try {
      Optional<Thumb> t = make(m, key, mime);
      mine.complete(t);
      return t;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      making.remove(key, mine);
    }
  }

  private Optional<Thumb> make(MediaInfo m, String key, String mime) throws IOException {
    int[] size = dimensions(m);
    if (size == null || (long) size[0] * size[1] > MAX_SOURCE_PIXELS) {
      return Optional.empty();
    }
    if (size[0] <= MAX_PIXELS && size[1] <= MAX_PIXELS) {
      return Optional.of(new Thumb(m.storageKey(), m.mime(), m.size()));
    }
    Files.createDirectories(tmpDir);
    Path tmp = Files.createTempFile(tmpDir, "thumb", ".tmp");
    try {
      BufferedImage image;
      try (InputStream in = store.open(m.storageKey(), 0, m.size())) {
        image = ImageIO.read(in);
      }
      if (image == null) {
        return Optional.empty();
      }
      var builder = net.coobird.thumbnailator.Thumbnails.of(image).size(MAX_PIXELS, MAX_PIXELS);
      if (mime.equals("image/png")) {
        builder.outputFormat("png");
      } else {
        builder.outputFormat("jpg").imageType(BufferedImage.TYPE_INT_RGB).outputQuality(0.8);
      }
      try (var out = Files.newOutputStream(tmp)) {
        builder.toOutputStream(out);
      }
      long length = Files.size(tmp);
      store.put(key, tmp);
      return Optional.of(new Thumb(key, mime, length));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Width and height from the image header, without decoding it; null if unreadable. */
  private int[] dimensions(MediaInfo m) throws IOException {
    try (InputStream in = store.open(m.storageKey(), 0, m.size());
        ImageInputStream iis = ImageIO.createImageInputStream(in)) {
      if (iis == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(iis, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } catch (IOException e) {
        return null;
      } finally {
        reader.dispose();
      }
    }
  }
}
