package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.server.limits.RateLimited;
import dev.messenger.server.wire.Wire;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs request handlers off the event loop and writes their answers: authentication by bearer
 * token, JSON bodies, error mapping. Needs only the authenticator and the worker pool; the routes
 * classes take the services they call. Thread-safe.
 */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);

  /** A handler's answer: a status and a JSON body (null for 204). */
  public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
      return new Reply(200, body);
    }

    public static Reply created(Object body) {
      return new Reply(201, body);
    }

    public static Reply noContent() {
      return new Reply(204, null);
    }
  }

  /** A handler that needs an authenticated caller. */
  @FunctionalInterface
  public interface AuthedHandler {
    CompletionStage<Reply> handle(Caller caller, RoutingContext ctx);
  }

  /** A handler open to anyone. */
  @FunctionalInterface
  public interface OpenHandler {
    CompletionStage<Reply> handle(RoutingContext ctx);
  }

  private final Function<String, Optional<Caller>> authenticate;
  private final Executor workers;

  /**
   * @param authenticate a bearer token (null when absent) to its caller, empty when not valid;
   *     blocking, called on {@code workers}
   * @param workers the bounded worker pool every handler runs on; when it refuses a task, the
   *     request fails like any handler failure
   */
  public Http(Function<String, Optional<Caller>> authenticate, Executor workers) {
    this.authenticate = authenticate;
    this.workers = workers;
  }

  /** The worker pool handlers run on (media streams its reads on it too). */
  Executor workers() {
    return workers;
  }

  /**
   * The caller a bearer token belongs to. Blocking: call on {@link #workers()}.
   *
   * @throws MessengerException {@code unauthorized} if the token is missing or not valid
   */
  Caller caller(String token) {
    return authenticate
        .apply(token)
        .orElseThrow(
            () ->
                new MessengerException(ErrorCode.UNAUTHORIZED, "a valid bearer token is required"));
  }

  /** Wraps a handler that needs {@code Authorization: Bearer}; 401 without a valid token. */
  public io.vertx.core.Handler<RoutingContext> authed(AuthedHandler h) {
    return ctx ->
        run(
            ctx,
            () -> {
              Caller caller = caller(bearer(ctx.request().getHeader("Authorization")));
              return h.handle(caller, ctx);
            });
  }

  /** Wraps a handler open to anyone. */
  public io.vertx.core.Handler<RoutingContext> open(OpenHandler h) {
    return ctx -> run(ctx, () -> h.handle(ctx));
  }

  private void run(RoutingContext ctx, java.util.function.Supplier<CompletionStage<Reply>> work) {
    Context context = Vertx.currentContext();
    CompletableFuture<CompletionStage<Reply>> started;
    try {
      started = CompletableFuture.supplyAsync(work, workers);
    } catch (RejectedExecutionException e) {
      // The bounded worker pool is full: overload answers 503, it never queues more.
      answer(ctx, null, new MessengerException(ErrorCode.UNAVAILABLE, "the server is overloaded"));
      return;
    }
    started
        .thenCompose(s -> s)
        .whenComplete((reply, err) -> context.runOnContext(v -> answer(ctx, reply, err)));
  }

  private static void answer(RoutingContext ctx, Reply reply, Throwable err) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (err != null) {
      MessengerException me = MessengerException.unwrap(err);
      if (me.code() == ErrorCode.INTERNAL) {
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), err);
      }
      if (me instanceof RateLimited rl) {
        ctx.response().putHeader("Retry-After", Long.toString(rl.retryAfterSeconds()));
      }
      error(ctx, me.code(), me.getMessage());
      return;
    }
    if (reply.body() == null) {
      ctx.response().setStatusCode(reply.status()).end();
    } else {
      ctx.response()
          .setStatusCode(reply.status())
          .putHeader("Content-Type", "application/json")
          .end(Wire.encode(reply.body()));
    }
  }

  /** Writes an error answer. */
  public static void error(RoutingContext ctx, ErrorCode code, String message) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    var response =
        ctx.response()
            .setStatusCode(code.httpStatus())
            .putHeader("Content-Type", "application/json");
    if (code == ErrorCode.RATE_LIMITED && response.headers().get("Retry-After") == null) {
      response.putHeader("Retry-After", "1");
    }
    response.end(Wire.encode(Wire.errorBody(code, message)));
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  public static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  /** Answers 400 for a query string that does not decode (a broken percent escape). */
  public static void checkQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      error(ctx, ErrorCode.BAD_REQUEST, "the query string is malformed");
      return;
    }
    ctx.next();
  }

  /** True for a form or multipart body, which the API never decodes. */
  public static boolean isFormBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
  }

  /**
   * Answers a request the HTTP decoder refused (request line or headers too long, bad bytes) with
   * the protocol's JSON error instead of an empty body, and closes the connection.
   */
  public static void invalidRequest(io.vertx.core.http.HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    boolean tooLong = cause instanceof io.netty.handler.codec.TooLongFrameException;
    ErrorCode code = tooLong ? ErrorCode.TOO_LARGE : ErrorCode.BAD_REQUEST;
    req.response()
        .setStatusCode(code.httpStatus())
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(
            Wire.encode(
                Wire.errorBody(
                    code,
                    tooLong ? "the request line or headers are too long" : "malformed request")))
        .onComplete(v -> req.connection().close());
  }

  /** The client's IP address, as the socket sees it (behind a proxy: the proxy's). */
  public static String clientIp(RoutingContext ctx) {
    var a = ctx.request().remoteAddress();
    return a == null ? "unknown" : a.hostAddress();
  }

  /** The request body as a JSON object; {@code bad_request} if missing or not an object. */
  public static JsonNode body(RoutingContext ctx) {
    var buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw MessengerException.badRequest("a JSON body is required");
    }
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(buffer.getBytes());
    } catch (Exception e) {
      throw MessengerException.badRequest("the body is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw MessengerException.badRequest("the body must be a JSON object");
    }
    return tree;
  }

  /** A query parameter as a long, or null; {@code bad_request} if not an integer. */
  public static Long queryLong(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw MessengerException.badRequest(name + " must be an integer");
    }
  }

  /**
   * The path parameter {@code seq} as a long; {@code not_found} if it is not a positive integer (no
   * message has such a seq).
   */
  public static long pathSeq(RoutingContext ctx) {
    try {
      long seq = Long.parseLong(ctx.pathParam("seq"));
      if (seq >= 1) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw MessengerException.notFound("no such message");
  }
}
