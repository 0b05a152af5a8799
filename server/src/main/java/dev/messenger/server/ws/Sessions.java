package dev.messenger.server.ws;

import dev.messenger.core.accounts.Caller;
import dev.messenger.server.Services;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open {@link Session} of this node: opens them, closes a revoked device's sessions (4001),
 * sweeps idle ones ({@code idle-timeout}) and closes all with 1001 on shutdown. Thread-safe.
 */
public final class Sessions {
  private final Services services;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<Session>> byDevice = new ConcurrentHashMap<>();

  public Sessions(Services services) {
    this.services = services;
  }

  /** Starts a session on an accepted socket; call on the socket's event loop. */
  public Session open(Caller caller, ServerWebSocket ws, Context context) {
    Session s = new Session(caller, ws, context, services, this);
    byId.put(s.id(), s);
    byDevice.computeIfAbsent(caller.deviceId(), d -> ConcurrentHashMap.newKeySet()).add(s);
    s.start();
    return s;
  }

  void remove(Session s) {
    byId.remove(s.id());
    byDevice.computeIfPresent(
        s.caller().deviceId(),
        (d, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
  }

  /** Closes the sessions of a logged-out device with 4001. */
  public void revoke(String deviceId) {
    Set<Session> set = byDevice.get(deviceId);
    if (set != null) {
      set.forEach(s -> s.closeAsync(Session.CLOSE_REVOKED, "token revoked"));
    }
  }

  /** Closes sessions silent for longer than {@code idle-timeout}. */
  public void sweepIdle(long nowMillis) {
    long limit = services.settings().idleTimeout().toMillis();
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

  public int count() {
    return byId.size();
  }
}
