package dev.messenger.server.ws;

import dev.messenger.server.chat.ChatSession;
import dev.messenger.server.chat.CloseCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open connection of this node: counts them per user, asks their sessions to re-check the
 * store after a bus reconnect, sweeps idle ones and closes all with 1001 on shutdown. Thread-safe.
 */
public final class Sessions {
  private record Open(ChatSession session, VertxTransport transport) {}

  private final Map<String, Open> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

  void add(ChatSession s, VertxTransport t) {
    byId.put(s.id(), new Open(s, t));
    perUser.merge(s.caller().userId(), 1, Integer::sum);
  }

  void remove(String sessionId, String userId) {
    if (byId.remove(sessionId) != null) {
      perUser.computeIfPresent(userId, (u, n) -> n <= 1 ? null : n - 1);
    }
  }

  /**
   * After the bus reconnected (events may have been lost): every session fetches what it missed
   * from the store.
   */
  public void recheckAll() {
    byId.values().forEach(o -> o.session().recheck());
  }

  /** Closes (1000) connections silent for longer than {@code idleTimeoutMillis}. */
  public void sweepIdle(long idleTimeoutMillis) {
    for (Open o : byId.values()) {
      if (o.session().idleMillis() > idleTimeoutMillis) {
        o.session().close(CloseCode.NORMAL, "idle timeout");
      }
    }
  }

  /**
   * Closes every connection with 1001 (server shutting down); the future completes when every close
   * frame was written.
   */
  public CompletableFuture<Void> closeAll() {
    return CompletableFuture.allOf(
        byId.values().stream()
            .map(o -> o.transport().closeAsync(CloseCode.GOING_AWAY, "server shutting down"))
            .toArray(CompletableFuture[]::new));
  }

  /** The devices with an open connection on this node (their tokens count as in use). */
  public java.util.List<String> deviceIds() {
    return byId.values().stream().map(o -> o.session().caller().deviceId()).distinct().toList();
  }

  /** Open connections of one user on this node. */
  public int countOf(String userId) {
    return perUser.getOrDefault(userId, 0);
  }

  public int count() {
    return byId.size();
  }
}
