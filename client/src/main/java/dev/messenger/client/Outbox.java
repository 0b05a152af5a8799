package dev.messenger.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Serializes the sends of one JDK {@link WebSocket}, which refuses a send while the previous one is
 * outstanding: each send starts when the one before it finished (successfully or not). The queue is
 * unbounded. Thread-safe.
 */
final class Outbox {
  private final Object lock = new Object();
  private WebSocket webSocket; // guarded by lock
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null); // guarded by lock

  /** Sets the socket once it is known; sends before that fail. */
  void attach(WebSocket ws) {
    synchronized (lock) {
      webSocket = ws;
    }
  }

  /** Queues one complete text frame; completes when it was handed to the network. */
  CompletableFuture<Void> text(String text) {
    return enqueue(ws -> ws.sendText(text, true));
  }

  /** Queues a close frame with {@code code}; completes when it was sent. */
  CompletableFuture<Void> close(int code) {
    return enqueue(ws -> ws.sendClose(code, ""));
  }

  private CompletableFuture<Void> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> op) {
    synchronized (lock) {
      WebSocket ws = webSocket;
      if (ws == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("socket not open"));
      }
      CompletableFuture<WebSocket> next =
          last.handle((r, e) -> null).thenCompose(x -> op.apply(ws));
      last = next;
      return next.thenApply(w -> null);
    }
  }
}
