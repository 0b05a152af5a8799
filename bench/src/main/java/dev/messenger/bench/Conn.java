package dev.messenger.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One authenticated WebSocket of one bench user. Confined to its Vert.x {@link #context}: {@link
 * #open}, {@link #send} and {@link #ping} must run there. A {@code send} frame carries the sender's
 * {@link System#nanoTime()} in its body ({@code t<nanos>}); the receiving connection turns the
 * {@code message} frame back into a latency in the current {@link Ledger}.
 */
final class Conn {
  /** How long the {@code ready} frame may take after the upgrade was started, in ms. */
  static final long READY_TIMEOUT_MILLIS = 60_000;

  final int index;
  final Account account;
  final Context context;
  private final Fleet fleet;
  private WebSocket ws;
  private String conversationId;
  private java.util.function.Consumer<JsonNode> frames;
  private String sendPrefix;
  private int deliveries;
  private long counter;
  private boolean closing;

  /**
   * @param fleet owner: gives the current measurement's ledger, counts errors and closes
   */
  Conn(int index, Account account, Context context, Fleet fleet) {
    this.index = index;
    this.account = account;
    this.context = context;
    this.fleet = fleet;
  }

  /** Upgrades {@code GET /ws} with the account's token; completes on the {@code ready} frame. */
  Future<Conn> open(WebSocketClient client, String host, int port) {
    Promise<Conn> ready = Promise.promise();
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost(host)
            .setPort(port)
            .setURI("/ws")
            .addHeader("Authorization", "Bearer " + account.token());
    long timer =
        context
            .owner()
            .setTimer(
                READY_TIMEOUT_MILLIS,
                t -> ready.tryFail("no ready frame within " + READY_TIMEOUT_MILLIS + " ms"));
    client
        .connect(o)
        .onFailure(ready::tryFail)
        .onSuccess(
            socket -> {
              ws = socket;
              socket.textMessageHandler(text -> onText(text, ready));
              socket.exceptionHandler(e -> ready.tryFail(e));
              socket.closeHandler(
                  v -> {
                    ready.tryFail("closed before ready");
                    if (!closing) {
                      fleet.noteUnexpectedClose();
                    }
                  });
            });
    return ready.future().onComplete(ar -> context.owner().cancelTimer(timer));
  }

  /** Every later {@link #send} goes to this conversation and should reach {@code deliveries}. */
  void target(String conversationId, int deliveries) {
    this.conversationId = conversationId;
    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(conversationId));
    this.sendPrefix = "{\"type\":\"send\",\"conversationId\":\"" + quoted + "\",\"ref\":\"";
    this.deliveries = deliveries;
  }

  /** The conversation {@link #target} named, or null. */
  String conversationId() {
    return conversationId;
  }

  /**
   * Hands every later frame but {@code ready} to {@code handler} (on this connection's context)
   * instead of the ledger: scenarios with frames of their own ({@code mix}) account for them.
   */
  void onFrames(java.util.function.Consumer<JsonNode> handler) {
    this.frames = handler;
  }

  /** Writes one text frame as it is (on this connection's context). */
  void write(String text) {
    ws.writeTextMessage(text);
  }

  /** Whether {@link #target} was called. */
  boolean hasTarget() {
    return sendPrefix != null;
  }

  /** Writes one {@code send} frame to the target conversation. */
  void send() {
    String clientId = "c" + index + "." + (++counter);
    Ledger l = fleet.ledger();
    long now = System.nanoTime();
    l.onSend(clientId, deliveries);
    ws.writeTextMessage(
        sendPrefix + clientId + "\",\"clientId\":\"" + clientId + "\",\"body\":\"t" + now + "\"}");
  }

  /** Writes a {@code ping} (keeps the connection inside the server's idle timeout). */
  void ping() {
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage("{\"type\":\"ping\"}");
    }
  }

  /** Whether the socket is open. */
  boolean isOpen() {
    return ws != null && !ws.isClosed();
  }

  /** Closes with 1000; the future completes when the close frame was written. */
  Future<Void> close() {
    closing = true;
    return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
  }

  private void onText(String text, Promise<Conn> ready) {
    long now = System.nanoTime();
    JsonNode f;
    try {
      f = Api.JSON.readTree(text);
    } catch (java.io.IOException e) {
      return;
    }
    if (frames != null && !"ready".equals(f.path("type").asText())) {
      frames.accept(f);
      return;
    }
    switch (f.path("type").asText()) {
      case "ready" -> ready.tryComplete(this);
      case "sent" ->
          fleet
              .ledger()
              .onAck(
                  f.path("clientId").asText(),
                  f.path("conversationId").asText(),
                  f.path("seq").asLong());
      case "message" -> {
        String body = f.path("body").asText("");
        fleet.noteFirstSeq(
            f.path("conversationId").asText(), account.userId(), f.path("seq").asLong());
        if (account.userId().equals(f.path("senderId").asText())) {
          // Each bench user has one device: this is its own message echoed back, which
          // PROTOCOL.md says the sending device must not get. Not a delivery.
          fleet.ledger().onEcho();
        } else if ("text".equals(f.path("kind").asText()) && body.startsWith("t")) {
          try {
            long sentNanos = Long.parseLong(body, 1, body.length(), 10);
            fleet.ledger().onDelivery(f.path("clientId").asText(), sentNanos, now);
          } catch (NumberFormatException e) {
            // Not one of ours.
          }
        }
      }
      case "error" -> {
        String ref = f.path("ref").asText(null);
        if (ref != null) {
          fleet.ledger().onRejected(ref);
        }
        fleet.noteError(f.path("code").asText("?"));
      }
      default -> {
        // pong, receipt, presence, typing: nothing to account.
      }
    }
  }
}
