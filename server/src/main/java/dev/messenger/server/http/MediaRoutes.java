package dev.messenger.server.http;

import dev.messenger.core.media.Media;
import dev.messenger.server.media.Thumbnails;
import io.vertx.ext.web.Router;
import java.nio.file.Path;

/**
 * Media (PROTOCOL.md "Media"): {@code POST /api/v1/media} ({@link MediaUpload}) and {@code GET
 * /api/v1/media/{id}} ({@link MediaDownload}).
 */
public final class MediaRoutes {
  private MediaRoutes() {}

  /**
   * Mounts the upload route. Call before the JSON {@code BodyHandler} of {@code /api/*}: the upload
   * reads its own (large, raw) body as a stream.
   *
   * @param http authenticates and provides the worker pool
   * @param media the media rules and catalog uploads are registered in
   * @param uploadDir where bodies are written while they arrive ({@code data-dir/tmp})
   */
  public static void mountUpload(Router r, Http http, Media media, Path uploadDir) {
    r.post("/api/v1/media").handler(ctx -> new MediaUpload(ctx, http, media, uploadDir).start());
  }

  /**
   * Mounts the download route.
   *
   * @param http authenticates and provides the worker pool
   * @param media who may read what, and the byte store
   * @param thumbnails image thumbnails ({@code ?thumb=1})
   */
  public static void mount(Router r, Http http, Media media, Thumbnails thumbnails) {
    r.get("/api/v1/media/:id").handler(ctx -> MediaDownload.handle(ctx, http, media, thumbnails));
  }
}
