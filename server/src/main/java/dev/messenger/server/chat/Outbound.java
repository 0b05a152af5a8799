package dev.messenger.server.chat;

import dev.messenger.server.wire.ServerFrame;

/**
 * Where a {@link ChatSession}'s frames go: the transport's bounded write queue. Implemented by the
 * transport adapter (the only code that knows the socket library) and by test fakes.
 * Implementations are thread-safe.
 */
public interface Outbound {
  /**
   * Queues one frame for the client.
   *
   * @return false, and the frame is not queued, when the bounded queue is full (overflow action:
   *     the session closes the connection with {@link CloseCode#POLICY}, "slow consumer")
   */
  boolean send(ServerFrame frame);

  /**
   * Closes the connection with {@code code}; idempotent. The transport then tells the session
   * {@link ChatSession#onClosed()}.
   */
  void close(CloseCode code, String reason);
}
