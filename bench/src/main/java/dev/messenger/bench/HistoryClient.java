package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One authenticated WebSocket that sends request frames ({@code sync}, {@code history}) with a
 * {@code ref} and completes each request with the reply frame of the same {@code ref}; an {@code
 * error} frame fails it. Several requests may be in flight (the node answers one connection's
 * frames in order). Thread-safe: {@link #request} may be called from any thread.
 */
final class HistoryClient {
  /**
   * A reply and when it arrived.
   *
   * @param frame the parsed reply frame
   * @param latencyNanos from just before the request was written to just before the reply was
   *     parsed, in ns
   */
  record Reply(JsonNode frame, long latencyNanos) {}

  /**
   * A conversation of the user, as {@code sync} reported it.
   *
   * @param id conversation id
   * @param lastSeq its last seq when the run started
   */
  record Conversation(String id, long lastSeq) {}

  private record Pending(Promise<Reply> promise, long startNanos) {}

  final Account account;
  private final WebSocket ws;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong refs = new AtomicLong();
  private volatile List<Conversation> conversations = List.of();

  private HistoryClient(Account account, WebSocket ws) {
    this.account = account;
    this.ws = ws;
  }

  /** Upgrades {@code GET /ws} with the account's token; completes on the {@code ready} frame. */
  static Future<HistoryClient> open(
      Vertx vertx, WebSocketClient client, String host, int port, Account account) {
    Promise<HistoryClient> ready = Promise.promise();
    long timer =
        vertx.setTimer(
            Conn.READY_TIMEOUT_MILLIS,
            t -> ready.tryFail("no ready frame within " + Conn.READY_TIMEOUT_MILLIS + " ms"));
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost(host)
            .setPort(port)
            .setURI("/ws")
            .addHeader("Authorization", "Bearer " + account.token());
    client
        .connect(o)
        .onFailure(ready::tryFail)
        .onSuccess(
            socket -> {
              HistoryClient c = new HistoryClient(account, socket);
              socket.textMessageHandler(text -> c.onText(text, ready));
              socket.exceptionHandler(ready::tryFail);
              socket.closeHandler(
                  v -> {
                    ready.tryFail("closed before ready");
                    c.failAll("connection closed");
                  });
            });
    return ready.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** Sends {@code frame} with a fresh {@code ref}; completes with the reply of that ref. */
  Future<Reply> request(ObjectNode frame) {
    String ref = Long.toString(refs.incrementAndGet(), 36);
    frame.put("ref", ref);
    String text = frame.toString();
    Promise<Reply> p = Promise.promise();
    pending.put(ref, new Pending(p, System.nanoTime()));
    ws.writeTextMessage(text)
        .onFailure(
            e -> {
              Pending gone = pending.remove(ref);
              if (gone != null) {
                gone.promise().tryFail(e);
              }
            });
    return p.future();
  }

  /** Asks {@code sync} and remembers the conversations that have messages. */
  Future<List<Conversation>> sync() {
    return request(Api.JSON.createObjectNode().put("type", "sync"))
        .map(
            r -> {
              List<Conversation> out = new java.util.ArrayList<>();
              for (JsonNode c : r.frame().path("conversations")) {
                long lastSeq = c.path("lastSeq").asLong();
                if (lastSeq > 0) {
                  out.add(new Conversation(c.path("id").asText(), lastSeq));
                }
              }
              conversations = List.copyOf(out);
              return conversations;
            });
  }

  /** The conversations of the last {@link #sync} that have at least one message. */
  List<Conversation> conversations() {
    return conversations;
  }

  /** Closes with 1000. */
  Future<Void> close() {
    return ws.isClosed() ? Future.succeededFuture() : ws.close();
  }

  private void onText(String text, Promise<HistoryClient> ready) {
    long now = System.nanoTime();
    JsonNode f;
    try {
      f = Api.JSON.readTree(text);
    } catch (java.io.IOException e) {
      return;
    }
    String type = f.path("type").asText();
    if ("ready".equals(type)) {
      ready.tryComplete(this);
      return;
    }
    String ref = f.path("ref").asText(null);
    Pending p = ref == null ? null : pending.remove(ref);
    if (p == null) {
      return; // presence, receipts, messages: not ours
    }
    if ("error".equals(type)) {
      p.promise()
          .tryFail(
              new IllegalStateException(
                  "error " + f.path("code").asText() + ": " + f.path("message").asText()));
    } else {
      p.promise().tryComplete(new Reply(f, now - p.startNanos()));
    }
  }

  private void failAll(String why) {
    for (String ref : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(ref);
      if (p != null) {
        p.promise().tryFail(why);
      }
    }
  }
}
