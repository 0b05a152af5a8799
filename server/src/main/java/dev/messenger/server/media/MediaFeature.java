package dev.messenger.server.media;

import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaStore;
import dev.messenger.server.settings.MediaSettings;
import dev.messenger.server.settings.MediaStoreKind;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcMediaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * The media feature of a node, built from its settings (PROTOCOL.md "Media"): the byte store (files
 * under {@code data-dir}, or S3), the rules ({@link Media}), thumbnails, and the directory uploads
 * are received into ({@code data-dir/tmp}, emptied at start). Thread-safe; close it with the node.
 *
 * @param media the media rules and catalog
 * @param thumbnails image thumbnails
 * @param uploadDir where request bodies are written while they arrive
 */
public record MediaFeature(Media media, Thumbnails thumbnails, Path uploadDir)
    implements AutoCloseable {

  /**
   * @throws IOException if the data directory cannot be used or the S3 store cannot be reached
   */
  public static MediaFeature open(MediaSettings settings, Path dataDir, Database db, Clock clock)
      throws IOException {
    Path uploads = Files.createDirectories(dataDir.resolve("tmp"));
    try (Stream<Path> leftovers = Files.list(uploads)) {
      for (Path p : leftovers.toList()) {
        Files.deleteIfExists(p);
      }
    }
    MediaStore store =
        settings.store() == MediaStoreKind.S3
            ? S3MediaStore.open(settings)
            : new FileMediaStore(dataDir);
    Media media = new Media(new JdbcMediaCatalog(db), store, clock, settings.maxMediaBytes());
    return new MediaFeature(media, new Thumbnails(store, uploads), uploads);
  }

  @Override
  public void close() {
    if (media.store() instanceof S3MediaStore s3) {
      s3.close();
    }
  }
}
