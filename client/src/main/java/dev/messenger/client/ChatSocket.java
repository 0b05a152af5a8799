package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One WebSocket connection to {@code /ws} (PROTOCOL.md section 3), opened by {@link
 * MessengerClient#connect()} after the server's {@code ready} frame arrived.
 *
 * <p><b>Typed frames.</b> A {@link Listener} gets every frame as a {@link ServerFrame}; {@link
 * #typed()} makes requests that answer typed frames. The methods here that take or answer {@code
 * JsonNode} are the raw escape hatch, for protocol tests that check the wire itself.
 *
 * <p><b>Raw frames.</b> The socket keeps no log of what it received. A raw-frame observer given at
 * open time ({@link MessengerClient#connect(Listener, Consumer)}) sees every incoming frame as
 * JSON, from {@code ready} on, before replies and the {@link Listener}; text that is not JSON comes
 * as a {@code TextNode}. The test recorder ({@code dev.messenger.client.testing.RecordingSocket} in
 * the client's test-jar, with {@code frames} and {@code await}) is built on that hook.
 *
 * <p><b>Requests.</b> {@link #request} puts a {@code ref} on a frame and completes with the reply
 * that echoes it, {@code error} frames included (they never complete the future exceptionally). The
 * future fails only when the frame could not be sent or the socket closed before the reply.
 *
 * <p><b>Sending.</b> Outgoing frames are queued and sent one at a time in call order; the queue is
 * unbounded. Sending on a closed socket fails the returned future; fire-and-forget methods then
 * drop the frame.
 *
 * <p><b>Threads.</b> All methods are thread-safe. The {@link Listener} and the continuations of
 * request futures run on the socket's reading thread, one frame at a time in arrival order; they
 * must not block on replies of this socket (for example with {@link #requestSync}), which would
 * stall reading until the wait times out.
 */
public final class ChatSocket implements AutoCloseable {
  /** Timeout of the synchronous methods. */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(ChatSocket.class.getName());

  /**
   * Receives the frames of a socket as they arrive, typed ({@link ServerFrames#parse}), on the
   * socket's reading thread, in order. Exceptions it throws are logged and otherwise ignored.
   */
  public interface Listener {
    /**
     * Called for every incoming frame; {@link ServerFrame.Unknown} for what the SDK cannot type.
     */
    void onFrame(ServerFrame frame);

    /** Called once when the socket closed: the server's close code, or -1 on an error. */
    default void onClose(int code, String reason) {}
  }

  private final Consumer<JsonNode> rawFrames;
  private final Replies replies = new Replies();
  private final Listener listener;
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final CompletableFuture<JsonNode> readyFrame = new CompletableFuture<>();
  private final AtomicBoolean closeSent = new AtomicBoolean();
  private final Outbox outbox = new Outbox();
  private volatile WebSocket webSocket;
  private volatile JsonNode ready;

  /** A socket not yet attached, with an optional typed {@code listener} (null: none). */
  ChatSocket(Listener listener) {
    this(listener, null);
  }

  /**
   * A socket not yet attached; {@code listener} and {@code rawFrames} (the raw-frame observer) may
   * each be null.
   */
  ChatSocket(Listener listener, Consumer<JsonNode> rawFrames) {
    this.listener = listener;
    this.rawFrames = rawFrames;
  }

  /** The JDK listener that feeds this socket; pass it to {@code WebSocket.Builder.buildAsync}. */
  WebSocket.Listener reader() {
    return new SocketReader(
        new SocketReader.Sink() {
          @Override
          public void opened(WebSocket ws) {
            attach(ws);
          }

          @Override
          public void text(String text) {
            WireTap.Holder.frame(text);
            deliver(Json.parseOrText(text));
          }

          @Override
          public void closed(int code, String reason) {
            ChatSocket.this.closed(code, reason);
          }
        });
  }

  /** Waits for the {@code ready} frame; on failure the connection is aborted. */
  void awaitReady(WebSocket ws, Duration timeout) {
    attach(ws);
    try {
      ready = readyFrame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      ws.abort();
      closed(-1, "no ready frame");
      throw new IllegalStateException(
          "no ready frame within " + timeout.toMillis() + " ms (" + e + ")", e);
    }
  }

  /** The {@code ready} frame the server sent first, raw. */
  public JsonNode readyFrame() {
    return ready;
  }

  /** The {@code ready} frame the server sent first. */
  public ServerFrame.Ready ready() {
    return (ServerFrame.Ready) ServerFrames.parse(ready);
  }

  /** Requests that answer typed frames ({@link ServerFrame}), over this socket. */
  public SocketRequests typed() {
    return new SocketRequests(this);
  }

  /** The user this socket is logged in as, from the {@code ready} frame. */
  public String userId() {
    return Json.text(ready, "userId");
  }

  /** The device this socket belongs to, from the {@code ready} frame. */
  public String deviceId() {
    return Json.text(ready, "deviceId");
  }

  /**
   * Sends {@code frame} and completes with the reply carrying its {@code ref}. When the frame has
   * no {@code ref}, a fresh one is put on it (the caller's object is modified).
   *
   * @return completes with the reply frame, including {@code error} frames; completes exceptionally
   *     only if sending failed or the socket closed before the reply
   */
  public CompletableFuture<JsonNode> request(ObjectNode frame) {
    CompletableFuture<JsonNode> reply = replies.expect(frame);
    if (closeCode.isDone()) {
      replies.fail(frame, reply, closedException());
      return reply;
    }
    String text = Json.write(frame);
    transmit(text)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                replies.fail(frame, reply, e);
              }
            });
    WireTap.Holder.sentOnceAccepted(text, reply);
    return reply;
  }

  /**
   * {@link #request} and waits up to {@link #SYNC_TIMEOUT} for the reply.
   *
   * @throws IllegalStateException when no reply came in time (cause {@link TimeoutException}),
   *     sending failed, the socket closed, or the thread was interrupted
   */
  public JsonNode requestSync(ObjectNode frame) {
    CompletableFuture<JsonNode> reply = request(frame);
    try {
      return reply.get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no reply within " + SYNC_TIMEOUT.toMillis() + " ms to " + frame, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("request failed: " + frame, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a reply to " + frame, e);
    }
  }

  /** Sends {@code frame} as it is, without waiting for anything; failures are dropped. */
  public void sendFrame(ObjectNode frame) {
    sendRaw(Json.write(frame));
  }

  /** Sends any text as one text frame (for malformed-input tests); failures are dropped. */
  public void sendRaw(String text) {
    transmit(text)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                LOG.log(System.Logger.Level.DEBUG, "dropped an outgoing frame", e);
              }
            });
  }

  /** A {@code send} frame to a conversation; completes with {@code sent} or {@code error}. */
  public CompletableFuture<JsonNode> send(String conversationId, String clientId, String body) {
    return request(
        frame("send")
            .put("clientId", clientId)
            .put("conversationId", conversationId)
            .put("body", body));
  }

  /** A {@code send} frame with {@code to}: the direct conversation with {@code userId}. */
  public CompletableFuture<JsonNode> sendTo(String userId, String clientId, String body) {
    return request(frame("send").put("clientId", clientId).put("to", userId).put("body", body));
  }

  /** Edit, delete, react, pin and sends with reply, mentions or forward (PROTOCOL.md section 4). */
  public SocketChanges changes() {
    return new SocketChanges(this);
  }

  /** An {@code ack} frame ({@code status} {@code delivered} or {@code read}); fire and forget. */
  public void ack(String conversationId, long seq, String status) {
    sendFrame(
        frame("ack").put("conversationId", conversationId).put("seq", seq).put("status", status));
  }

  /** A {@code typing} frame ({@code state} {@code start} or {@code stop}); fire and forget. */
  public void typing(String conversationId, String state) {
    sendFrame(frame("typing").put("conversationId", conversationId).put("state", state));
  }

  /**
   * A {@code history} request; null arguments are left out. Waits like {@link #requestSync}.
   *
   * @return the {@code history} frame, or the {@code error} frame
   */
  public JsonNode history(String conversationId, Long before, Long after, Integer limit) {
    ObjectNode f = frame("history").put("conversationId", conversationId);
    if (before != null) {
      f.put("before", before);
    }
    if (after != null) {
      f.put("after", after);
    }
    if (limit != null) {
      f.put("limit", limit);
    }
    return requestSync(f);
  }

  /** A {@code sync} request; returns the {@code synced} (or {@code error}) frame. */
  public JsonNode sync() {
    return requestSync(frame("sync"));
  }

  /** A {@code ping}; completes with the {@code pong}. */
  public CompletableFuture<JsonNode> ping() {
    return request(frame("ping"));
  }

  /** A {@code presence.subscribe} frame; fire and forget ({@code presence} frames follow). */
  public void subscribePresence(Collection<String> userIds) {
    ObjectNode f = frame("presence.subscribe");
    userIds.forEach(f.putArray("userIds")::add);
    sendFrame(f);
  }

  /** A {@code presence.unsubscribe} frame; fire and forget. */
  public void unsubscribePresence(Collection<String> userIds) {
    ObjectNode f = frame("presence.unsubscribe");
    userIds.forEach(f.putArray("userIds")::add);
    sendFrame(f);
  }

  /** True until the server closed the socket, an error occurred, or {@link #close()} began. */
  public boolean isOpen() {
    WebSocket ws = webSocket;
    return ws != null && !closeCode.isDone() && !ws.isOutputClosed();
  }

  /** Completes with the server's close status code when the socket closed, or -1 on an error. */
  public CompletableFuture<Integer> closeCode() {
    return closeCode.thenApply(Function.identity());
  }

  /**
   * Closes normally (1000) and waits up to 5 s for the server's answering close, then aborts.
   * Idempotent; never throws.
   */
  @Override
  public void close() {
    WebSocket ws = webSocket;
    if (ws == null) {
      return;
    }
    if (closeSent.compareAndSet(false, true) && !closeCode.isDone()) {
      outbox
          .close(WebSocket.NORMAL_CLOSURE)
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  ws.abort();
                  closed(-1, "close failed: " + e);
                }
              });
    }
    try {
      closeCode.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      ws.abort();
      closed(-1, "no close answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ws.abort();
      closed(-1, "interrupted while closing");
    }
  }

  private static ObjectNode frame(String type) {
    return Json.object().put("type", type);
  }

  private CompletableFuture<Void> transmit(String text) {
    return outbox.text(text);
  }

  private void attach(WebSocket ws) {
    webSocket = ws;
    outbox.attach(ws);
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("socket closed with code " + closeCode.getNow(-1));
  }

  private void deliver(JsonNode frame) {
    if (rawFrames != null) {
      try {
        rawFrames.accept(frame);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "raw-frame observer failed on a frame", e);
      }
    }
    if (!readyFrame.isDone() && "ready".equals(frame.path("type").asText(null))) {
      readyFrame.complete(frame);
    }
    replies.deliver(frame);
    if (listener != null) {
      try {
        listener.onFrame(ServerFrames.parse(frame));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "listener failed on a frame", e);
      }
    }
  }

  private void closed(int code, String reason) {
    if (!closeCode.complete(code)) {
      return;
    }
    IllegalStateException e = closedException();
    readyFrame.completeExceptionally(e);
    replies.failAll(e);
    if (listener != null) {
      try {
        listener.onClose(code, reason);
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "listener failed on close", ex);
      }
    }
  }
}
