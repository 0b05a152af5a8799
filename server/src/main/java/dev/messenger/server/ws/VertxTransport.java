package dev.messenger.server.ws;

import dev.messenger.server.chat.ChatSession;
import dev.messenger.server.chat.CloseCode;
import dev.messenger.server.chat.Outbound;
import dev.messenger.server.wire.FrameCodec;
import dev.messenger.server.wire.ServerFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport of one connection (RFC 6455 over Vert.x): assembles messages from frames
 * (64 KiB limit, strict UTF-8), hands complete text to its {@link ChatSession}, and writes the
 * session's frames through a write queue bounded at {@code maxOutboundBytes} ({@link #send} returns
 * false when it is full). The only class that touches the socket.
 *
 * <p>Threading: handlers run on the connection's event loop, which is also the session's serial
 * executor ({@link #serial()}); {@link #send} and {@link #close} are safe from any thread.
 */
final class VertxTransport implements Outbound {
  private static final Logger LOG = LoggerFactory.getLogger(VertxTransport.class);

  private final ServerWebSocket ws;
  private final Context context;
  private final FrameAssembler frames;
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  private volatile boolean closed;
  private ChatSession session;

  /**
   * @param maxOutboundBytes bytes queued to the socket before {@link #send} refuses frames
   * @param maxMessageBytes largest message, however fragmented; larger closes with 1009
   */
  VertxTransport(ServerWebSocket ws, Context context, int maxOutboundBytes, int maxMessageBytes) {
    this.ws = ws;
    this.context = context;
    this.frames = new FrameAssembler(maxMessageBytes);
    ws.setWriteQueueMaxSize(maxOutboundBytes);
  }

  /** The connection's event loop as an executor: the session's serial executor. */
  Executor serial() {
    return task -> context.runOnContext(v -> task.run());
  }

  /** Connects the socket's handlers to {@code s}; call on the event loop before {@code start}. */
  void attach(ChatSession s) {
    this.session = s;
    ws.frameHandler(
        f -> {
          s.touch();
          FrameAssembler.Outcome outcome = frames.accept(f);
          if (outcome instanceof FrameAssembler.Text t) {
            s.onText(t.text());
          } else if (outcome instanceof FrameAssembler.Refused r) {
            s.onRefused(r.message());
          } else if (outcome instanceof FrameAssembler.TooLarge) {
            close(CloseCode.TOO_BIG, "message too large");
          }
        });
    ws.exceptionHandler(this::onException);
    ws.closeHandler(v -> closedHere());
  }

  @Override
  public boolean send(ServerFrame frame) {
    if (closed || ws.writeQueueFull()) {
      return false;
    }
    ws.writeTextMessage(FrameCodec.encode(frame));
    return true;
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> close(code, reason));
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    ws.close((short) code.code(), reason).onComplete(ar -> closedFuture.complete(null));
    closedHere();
  }

  /** Closes from any thread; completes when the close frame was written (or at once if closed). */
  CompletableFuture<Void> closeAsync(CloseCode code, String reason) {
    context.runOnContext(
        v -> {
          if (closed) {
            closedFuture.complete(null);
          } else {
            close(code, reason);
          }
        });
    return closedFuture;
  }

  private void closedHere() {
    closed = true;
    if (session != null) {
      session.onClosed();
    }
  }

  private void onException(Throwable t) {
    if (t instanceof CorruptedWebSocketFrameException c) {
      boolean tooBig =
          c.closeStatus() != null && c.closeStatus().code() == CloseCode.TOO_BIG.code();
      close(
          tooBig ? CloseCode.TOO_BIG : CloseCode.PROTOCOL_ERROR,
          tooBig ? "frame too large" : "bad frame");
    } else {
      LOG.debug("socket error", t);
    }
  }
}
