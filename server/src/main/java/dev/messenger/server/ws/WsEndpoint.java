package dev.messenger.server.ws;

import dev.messenger.core.accounts.Caller;
import dev.messenger.server.EdgeSecurity;
import dev.messenger.server.Services;
import dev.messenger.server.http.Http;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code GET /ws} upgrade (PROTOCOL.md section 3): the token comes in {@code Authorization:
 * Bearer} or {@code access_token}; a bad or missing one refuses the upgrade with 401; another path
 * with 404. Tokens are never logged. Thread-safe.
 */
public final class WsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);

  private final Services services;
  private final Sessions sessions;

  public WsEndpoint(Services services) {
    this.services = services;
    this.sessions = new Sessions(services);
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
    if (!EdgeSecurity.originAllowed(
        hs.headers().get("Origin"), hs.headers().get("Host"), services.settings().limits())) {
      hs.reject(403);
      return;
    }
    String token = Http.bearer(hs.headers().get("Authorization"));
    if (token == null) {
      token = queryParam(hs.query(), "access_token");
    }
    String t = token;
    Context context = Vertx.currentContext();
    CompletableFuture.supplyAsync(() -> services.accounts().authenticate(t), services.workers())
        .whenComplete(
            (caller, err) ->
                context.runOnContext(
                    v -> {
                      Optional<Caller> c = err == null ? caller : Optional.empty();
                      if (err != null) {
                        LOG.warn("authentication failed", err);
                      }
                      if (c.isEmpty()) {
                        hs.reject(401);
                        return;
                      }
                      if (sessions.countOf(c.get().userId())
                          >= services.settings().limits().maxConnectionsPerUser()) {
                        hs.reject(429);
                        return;
                      }
                      hs.accept()
                          .onSuccess(socket -> sessions.open(c.get(), socket, context))
                          .onFailure(e -> LOG.debug("upgrade failed", e));
                    }));
  }

  /** Called by Vert.x for each accepted socket; the session was opened by {@link #handshake}. */
  public void accepted(ServerWebSocket socket) {
    // Nothing to do: handshake() opened the session when accept() completed.
  }

  private static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    var values = new QueryStringDecoder(query, false).parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
