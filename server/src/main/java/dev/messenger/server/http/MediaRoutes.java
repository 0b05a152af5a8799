package dev.messenger.server.http;

import dev.messenger.server.Services;
import io.vertx.ext.web.Router;

/**
 * Media (PROTOCOL.md "Media"): {@code POST /api/v1/media} ({@link MediaUpload}) and {@code GET
 * /api/v1/media/{id}} ({@link MediaDownload}).
 */
public final class MediaRoutes {
  private MediaRoutes() {}

  /**
   * Mounts the upload route. Call before the JSON {@code BodyHandler} of {@code /api/*}: the upload
   * reads its own (large, raw) body as a stream.
   */
  public static void mountUpload(Router r, Services s) {
    r.post("/api/v1/media").handler(ctx -> new MediaUpload(ctx, s).start());
  }

  /** Mounts the download route. */
  public static void mount(Router r, Services s) {
    r.get("/api/v1/media/:id").handler(ctx -> MediaDownload.handle(ctx, s));
  }
}
