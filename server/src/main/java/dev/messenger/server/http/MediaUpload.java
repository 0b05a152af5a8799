package dev.messenger.server.http;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.media.MediaNames;
import dev.messenger.server.media.ContentTypes;
import dev.messenger.server.wire.Wire;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code POST /api/v1/media} (PROTOCOL.md "Media"): the raw body streams to a file under {@code
 * data-dir/tmp} while its SHA-256 is computed, never held in memory whole; then the type is
 * detected from the content and the media registered, with the file name of the optional {@code
 * name} query parameter (checked by {@link MediaNames}; a bad one is answered 400 before the body
 * is read). A {@code Content-Length} over {@code max-media-bytes}, or a body that grows past it, is
 * answered 413 at once and the connection closed (the rest of the body is not read; over HTTP/2
 * only the stream ends). The request is paused until the token is checked; a client that sent
 * {@code Expect: 100-continue} gets {@code 100 Continue} only then, so a refused upload is not sent
 * at all.
 *
 * <p>Threading: the body handlers run on the request's event loop; authentication, detection and
 * storage on the worker pool. One instance per request; not thread-safe.
 */
final class MediaUpload {
  private static final Logger LOG = LoggerFactory.getLogger(MediaUpload.class);

  private final RoutingContext ctx;
  private final Http http;
  private final Media media;
  private final Path uploadDir;
  private final HttpServerRequest req;
  private final long maxBytes;
  private final MessageDigest sha256;
  private Context context;
  private Path tmp;
  private AsyncFile file;
  private long received;
  private boolean done;
  private String name;

  /**
   * @param http authenticates the caller and provides the worker pool
   * @param media registers the upload; its {@code maxBytes} bounds the body
   * @param uploadDir where the body is written while it arrives
   */
  MediaUpload(RoutingContext ctx, Http http, Media media, Path uploadDir) {
    this.ctx = ctx;
    this.http = http;
    this.media = media;
    this.uploadDir = uploadDir;
    this.req = ctx.request();
    this.maxBytes = media.maxBytes();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** Starts handling; call on the event loop from the route handler. */
  void start() {
    req.pause();
    context = Vertx.currentContext();
    String length = req.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) {
          tooLarge();
          return;
        }
      } catch (NumberFormatException e) {
        fail(MessengerException.badRequest("bad Content-Length"), true);
        return;
      }
    }
    try {
      name = MediaNames.check(req.getParam("name"));
    } catch (MessengerException e) {
      fail(e, true);
      return;
    }
    String token = Http.bearer(req.getHeader("Authorization"));
    CompletableFuture.supplyAsync(() -> http.caller(token), http.workers())
        .whenComplete(
            (caller, err) ->
                context.runOnContext(
                    v -> {
                      if (err != null) {
                        fail(MessengerException.unwrap(err), true);
                      } else {
                        receive(caller);
                      }
                    }));
  }

  private void receive(Caller caller) {
    tmp = uploadDir.resolve(Ids.newId("up") + ".part");
    ctx.vertx()
        .fileSystem()
        .open(tmp.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.error("cannot create {}", tmp, ar.cause());
                fail(new MessengerException(ErrorCode.UNAVAILABLE, "cannot store media"), true);
                return;
              }
              file = ar.result();
              req.handler(this::chunk);
              req.endHandler(v -> ended(caller));
              req.exceptionHandler(
                  e -> {
                    LOG.debug("upload broken", e);
                    abandon();
                  });
              if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
                // The client waits for this before sending the body (curl does for > 1 MiB).
                ctx.response().writeContinue();
              }
              req.resume();
            });
  }

  private void chunk(Buffer b) {
    if (done) {
      return;
    }
    received += b.length();
    if (received > maxBytes) {
      tooLarge();
      return;
    }
    sha256.update(b.getBytes());
    file.write(b);
    if (file.writeQueueFull()) {
      req.pause();
      file.drainHandler(
          v -> {
            if (!done) {
              req.resume();
            }
          });
    }
  }

  private void ended(Caller caller) {
    if (done) {
      return;
    }
    done = true;
    file.close()
        .onComplete(
            closed -> {
              if (closed.failed()) {
                LOG.error("cannot write {}", tmp, closed.cause());
                deleteTmp();
                fail(new MessengerException(ErrorCode.UNAVAILABLE, "cannot store media"), false);
                return;
              }
              String digest = HexFormat.of().formatHex(sha256.digest());
              String declared = req.getHeader("Content-Type");
              long size = received;
              CompletableFuture.supplyAsync(
                      () -> register(caller, size, digest, declared), http.workers())
                  .thenCompose(f -> f)
                  .whenComplete(
                      (m, err) -> {
                        deleteTmp();
                        context.runOnContext(v -> answer(m, err));
                      });
            });
  }

  private CompletableFuture<MediaInfo> register(
      Caller caller, long size, String digest, String declared) {
    if (size == 0) {
      throw MessengerException.badRequest("the body is empty: send the file's bytes");
    }
    String mime;
    try {
      mime = ContentTypes.detect(tmp, declared);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return media.register(caller.userId(), tmp, size, digest, mime, name);
  }

  private void answer(MediaInfo m, Throwable err) {
    if (err != null) {
      fail(MessengerException.unwrap(err), false);
      return;
    }
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end(
            Wire.encode(
                Wire.object()
                    .put("id", m.id())
                    .put("mime", m.mime())
                    .put("size", m.size())
                    .put("sha256", m.sha256())
                    .put("name", m.name())));
  }

  private void tooLarge() {
    fail(
        new MessengerException(
            ErrorCode.TOO_LARGE, "media is larger than " + maxBytes + " bytes (max-media-bytes)"),
        true);
  }

  /**
   * Answers an error. With {@code close}, the body was not read to its end: the connection is
   * closed after the answer so that the unread rest cannot be taken for a next request.
   */
  private void fail(MessengerException e, boolean close) {
    if (e.code() == ErrorCode.INTERNAL) {
      LOG.error("upload failed", e.getCause() != null ? e.getCause() : e);
    }
    abandon();
    if (close && req.version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader("Connection", "close");
      ctx.response().endHandler(v -> req.connection().close());
    }
    Http.error(ctx, e.code(), e.getMessage());
  }

  /** Stops receiving and removes the partial file; idempotent. */
  private void abandon() {
    boolean wasDone = done;
    done = true;
    if (file != null && !wasDone) {
      file.close().onComplete(v -> deleteTmp());
    } else if (!wasDone) {
      deleteTmp();
    }
  }

  private void deleteTmp() {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      LOG.warn("cannot delete {}", tmp, e);
    }
  }
}
