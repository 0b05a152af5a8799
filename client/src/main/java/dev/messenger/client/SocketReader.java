package dev.messenger.client;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * The JDK {@link WebSocket.Listener} behind a {@link ChatSocket}: assembles text messages from
 * their fragments and hands each complete one, the opening and the close to a {@link Sink}. The JDK
 * calls it sequentially, so its buffer needs no lock; it requests one message at a time.
 */
final class SocketReader implements WebSocket.Listener {
  private static final System.Logger LOG = System.getLogger(SocketReader.class.getName());

  /** Where the reader's events go. */
  interface Sink {
    void opened(WebSocket ws);

    /** One complete text message. */
    void text(String text);

    /** The socket closed with {@code code}, or -1 on an error. */
    void closed(int code, String reason);
  }

  private final Sink sink;
  private final StringBuilder partial = new StringBuilder();

  SocketReader(Sink sink) {
    this.sink = sink;
  }

  @Override
  public void onOpen(WebSocket ws) {
    sink.opened(ws);
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    try {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        sink.text(text);
      }
    } finally {
      ws.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    sink.closed(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    LOG.log(System.Logger.Level.DEBUG, "websocket error", error);
    sink.closed(-1, String.valueOf(error));
  }
}
