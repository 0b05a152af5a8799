package dev.messenger.server.ws;

import dev.messenger.core.accounts.Caller;
import dev.messenger.server.Services;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open {@link Session} of this node: opens them, asks them to re-check the store after a bus
 * reconnect, sweeps idle ones ({@code idle-timeout}) and closes all with 1001 on shutdown.
 * Thread-safe.
 */
public final class Sessions {
  private final Services services;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

  public Sessions(Services services) {
    this.services = services;
  }

  /** Starts a session on an accepted socket; call on the socket's event loop. */
  public Session open(Caller caller, ServerWebSocket ws, Context context) {
    Session s = new Session(caller, ws, context, services, this);
    byId.put(s.id(), s);
    perUser.merge(caller.userId(), 1, Integer::sum);
    s.start();
    return s;
  }

  void remove(Session s) {
    if (byId.remove(s.id()) != null) {
      perUser.computeIfPresent(s.caller().userId(), (u, n) -> n <= 1 ? null : n - 1);
    }
  }

  /**
   * After the bus reconnected (events may have been lost): every session fetches what it missed
   * from the store.
   */
  public void recheckAll() {
    byId.values().forEach(Session::recheck);
  }

  /** Closes sessions silent for longer than {@code idle-timeout}. */
  public void sweepIdle(long nowMillis) {
    long limit = services.settings().connections().idleTimeout().toMillis();
    for (Session s : byId.values()) {
      if (nowMillis - s.lastInboundMillis() > limit) {
        s.closeAsync(Session.CLOSE_NORMAL, "idle timeout");
      }
    }
  }

  /**
   * Closes every session with 1001 (server shutting down); the future completes when every close
   * frame was written.
   */
  public CompletableFuture<Void> closeAll() {
    return CompletableFuture.allOf(
        byId.values().stream()
            .map(s -> s.closeAsync(Session.CLOSE_GOING_AWAY, "server shutting down"))
            .toArray(CompletableFuture[]::new));
  }

  /** Open sessions of one user on this node. */
  public int countOf(String userId) {
    return perUser.getOrDefault(userId, 0);
  }

  public int count() {
    return byId.size();
  }
}
