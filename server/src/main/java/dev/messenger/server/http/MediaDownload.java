package dev.messenger.server.http;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.media.MediaStore;
import dev.messenger.server.media.ByteRange;
import dev.messenger.server.media.ContentDisposition;
import dev.messenger.server.media.Thumbnails;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/media/{id}[?thumb=1]} (PROTOCOL.md "Media"): the bytes with their type, to the
 * uploader and to members who can see a message carrying the media (anyone else: 404). Honours a
 * single-range {@code Range} header (206 with {@code Content-Range}; 416 when it lies outside the
 * content), which audio and video players need to seek. Files are sent with {@code sendfile}; other
 * stores are streamed in 64 KiB chunks with backpressure. Content is immutable per id, so answers
 * are privately cacheable for a year. Stateless; checks run on the worker pool.
 */
final class MediaDownload {
  private static final Logger LOG = LoggerFactory.getLogger(MediaDownload.class);
  private static final int CHUNK = 64 * 1024;

  /** What to send: a store key, its type, its length and an entity tag. */
  private record Target(String key, String mime, long size, String etag, String disposition) {}

  private MediaDownload() {}

  /**
   * Handles one download; call on the event loop from the route handler.
   *
   * @param http authenticates the caller and provides the worker pool
   * @param media who may read what, and the byte store
   * @param thumbnails image thumbnails ({@code ?thumb=1})
   */
  static void handle(RoutingContext ctx, Http http, Media media, Thumbnails thumbnails) {
    Context context = Vertx.currentContext();
    String token = Http.bearer(ctx.request().getHeader("Authorization"));
    String id = ctx.pathParam("id");
    String thumbParam = ctx.request().getParam("thumb");
    boolean thumb = "1".equals(thumbParam) || "true".equals(thumbParam);
    CompletableFuture.supplyAsync(
            () -> target(http, media, thumbnails, token, id, thumb), http.workers())
        .whenComplete(
            (t, err) ->
                context.runOnContext(
                    v -> {
                      if (err != null) {
                        MessengerException me = MessengerException.unwrap(err);
                        if (me.code() == ErrorCode.INTERNAL) {
                          LOG.error("download of {} failed", id, err);
                        }
                        Http.error(ctx, me.code(), me.getMessage());
                      } else {
                        send(ctx, http.workers(), media.store(), t);
                      }
                    }));
  }

  private static Target target(
      Http http, Media media, Thumbnails thumbnails, String token, String id, boolean thumb) {
    Caller caller = http.caller(token);
    MediaInfo m = media.readable(caller.userId(), id);
    if (!thumb) {
      return new Target(
          m.storageKey(),
          m.mime(),
          m.size(),
          m.sha256(),
          ContentDisposition.of(m.mime(), m.name(), m.id()));
    }
    try {
      Thumbnails.Thumb t =
          thumbnails
              .thumbnail(m)
              .orElseThrow(() -> MessengerException.notFound("this media has no thumbnail"));
      return new Target(t.key(), t.mime(), t.size(), m.sha256() + "-t", null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(RoutingContext ctx, Executor workers, MediaStore store, Target t) {
    HttpServerResponse res = ctx.response();
    res.putHeader("Accept-Ranges", "bytes")
        .putHeader("ETag", "\"" + t.etag() + "\"")
        .putHeader("Cache-Control", "private, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff");
    ByteRange.Request r = ByteRange.parse(ctx.request().getHeader("Range"), t.size());
    long offset = 0;
    long length = t.size();
    if (r instanceof ByteRange.Unsatisfiable) {
      res.setStatusCode(416).putHeader("Content-Range", "bytes */" + t.size()).end();
      return;
    }
    if (r instanceof ByteRange.Partial p) {
      offset = p.range().offset();
      length = p.range().length();
      res.setStatusCode(206).putHeader("Content-Range", p.range().contentRange(t.size()));
    } else {
      res.setStatusCode(200);
    }
    res.putHeader("Content-Type", t.mime());
    if (t.disposition() != null) {
      res.putHeader("Content-Disposition", t.disposition());
    }
    var local = store.localFile(t.key());
    if (local.isPresent()) {
      res.sendFile(local.get().toString(), offset, length);
      return;
    }
    res.putHeader("Content-Length", Long.toString(length));
    if (length == 0) {
      res.end();
      return;
    }
    long from = offset;
    long n = length;
    Context context = Vertx.currentContext();
    workers.execute(
        () -> {
          try {
            InputStream in = store.open(t.key(), from, n);
            new Pump(in, res, context, workers).next();
          } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read media {}", t.key(), e);
            context.runOnContext(v -> res.reset());
          }
        });
  }

  /** Copies a stream to a response chunk by chunk: reads on workers, writes on the event loop. */
  private static final class Pump {
    private final InputStream in;
    private final HttpServerResponse res;
    private final Context context;
    private final Executor workers;

    Pump(InputStream in, HttpServerResponse res, Context context, Executor workers) {
      this.in = in;
      this.res = res;
      this.context = context;
      this.workers = workers;
      context.runOnContext(v -> res.closeHandler(x -> close()));
    }

    void next() {
      workers.execute(this::readOne);
    }

    private void readOne() {
      byte[] b;
      try {
        b = in.readNBytes(CHUNK);
      } catch (IOException e) {
        LOG.warn("media read failed", e);
        close();
        context.runOnContext(v -> res.reset());
        return;
      }
      context.runOnContext(
          v -> {
            if (res.closed() || res.ended()) {
              close();
              return;
            }
            if (b.length == 0) {
              close();
              res.end();
              return;
            }
            res.write(Buffer.buffer(b));
            if (res.writeQueueFull()) {
              res.drainHandler(x -> next());
            } else {
              next();
            }
          });
    }

    private void close() {
      try {
        in.close();
      } catch (IOException e) {
        LOG.debug("closing a media stream failed", e);
      }
    }
  }
}
