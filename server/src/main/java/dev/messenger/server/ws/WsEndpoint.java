package dev.messenger.server.ws;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.server.chat.ChatSession;
import dev.messenger.server.chat.Outbound;
import dev.messenger.server.http.Http;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code GET /ws} upgrade (PROTOCOL.md section 3): the token comes in {@code Authorization:
 * Bearer} or {@code access_token}; a bad or missing one refuses the upgrade with 401, a suspended
 * user's with 403, a foreign Origin with 403, another path with 404, a user over its connection cap
 * with 429, a full worker pool with 503. Tokens are never logged. Thread-safe.
 */
public final class WsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);

  /** Makes the chat session of an accepted connection. */
  @FunctionalInterface
  public interface SessionFactory {
    /**
     * @param id the connection's id
     * @param serial the connection's serial executor
     * @param onEnd to call once when the connection closed
     */
    ChatSession open(String id, Caller caller, Outbound out, Executor serial, Runnable onEnd);
  }

  /**
   * The transport's bounds.
   *
   * @param maxOutboundBytes bytes queued to one socket before it counts as a slow consumer
   * @param maxMessageBytes largest client message (PROTOCOL.md: 64 KiB, else 1009)
   * @param maxConnectionsPerUser open connections of one user on this node
   */
  public record Bounds(int maxOutboundBytes, int maxMessageBytes, int maxConnectionsPerUser) {}

  private final Function<String, Optional<Caller>> authenticate;
  private final BiPredicate<String, String> originAllowed;
  private final Executor workers;
  private final Bounds bounds;
  private final SessionFactory factory;
  private final Sessions sessions = new Sessions();

  /**
   * @param authenticate a token to its caller; blocking, run on {@code workers}
   * @param originAllowed (Origin header, Host header) to whether the upgrade may proceed
   */
  public WsEndpoint(
      Function<String, Optional<Caller>> authenticate,
      BiPredicate<String, String> originAllowed,
      Executor workers,
      Bounds bounds,
      SessionFactory factory) {
    this.authenticate = authenticate;
    this.originAllowed = originAllowed;
    this.workers = workers;
    this.bounds = bounds;
    this.factory = factory;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** Authenticates off the event loop, then accepts and opens a session, or rejects. */
  public void handshake(ServerWebSocketHandshake hs) {
    if (!"/ws".equals(hs.path())) {
      hs.reject(404);
      return;
    }
    if (!originAllowed.test(hs.headers().get("Origin"), hs.headers().get("Host"))) {
      hs.reject(403);
      return;
    }
    String token = Http.bearer(hs.headers().get("Authorization"));
    if (token == null) {
      token = queryParam(hs.query(), "access_token");
    }
    String t = token;
    Context context = Vertx.currentContext();
    CompletableFuture<Optional<Caller>> auth;
    try {
      auth = CompletableFuture.supplyAsync(() -> authenticate.apply(t), workers);
    } catch (RuntimeException e) {
      hs.reject(503);
      return;
    }
    auth.whenComplete(
        (caller, err) ->
            context.runOnContext(
                v -> {
                  if (err != null) {
                    MessengerException me = MessengerException.unwrap(err);
                    if (me.code() == ErrorCode.FORBIDDEN) {
                      // A suspended user (PROTOCOL.md section 8): 403, as on HTTP.
                      hs.reject(403);
                      return;
                    }
                    LOG.warn("authentication failed", err);
                    hs.reject(503);
                    return;
                  }
                  if (caller.isEmpty()) {
                    hs.reject(401);
                    return;
                  }
                  if (sessions.countOf(caller.get().userId()) >= bounds.maxConnectionsPerUser()) {
                    hs.reject(429);
                    return;
                  }
                  hs.accept()
                      .onSuccess(socket -> open(caller.get(), socket, context))
                      .onFailure(e -> LOG.debug("upgrade failed", e));
                }));
  }

  private void open(Caller caller, io.vertx.core.http.ServerWebSocket socket, Context context) {
    VertxTransport transport =
        new VertxTransport(socket, context, bounds.maxOutboundBytes(), bounds.maxMessageBytes());
    String id = Ids.newId("s");
    ChatSession s =
        factory.open(
            id, caller, transport, transport.serial(), () -> sessions.remove(id, caller.userId()));
    sessions.add(s, transport);
    transport.attach(s);
    s.start();
  }

  private static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    var values = new QueryStringDecoder(query, false).parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
