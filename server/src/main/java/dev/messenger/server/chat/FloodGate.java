package dev.messenger.server.chat;

/**
 * The rate limits a chat session applies (PROTOCOL.md "Errors keep the connection": flooding gets
 * {@code rate_limited}). Implemented over Bucket4j by the edge; thread-safe.
 */
public interface FloodGate {
  /** Takes one frame token of this connection; false when the connection is over its rate. */
  boolean tryFrame();

  /** Takes one send token of this device; false when the device is over its send rate. */
  boolean trySend();

  /** Lets everything through (tests). */
  FloodGate OPEN =
      new FloodGate() {
        @Override
        public boolean tryFrame() {
          return true;
        }

        @Override
        public boolean trySend() {
          return true;
        }
      };
}
