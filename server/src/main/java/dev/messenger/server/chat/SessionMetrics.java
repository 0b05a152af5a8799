package dev.messenger.server.chat;

import dev.messenger.core.ErrorCode;

/** What chat sessions count (exposed on {@code /metrics}). Implementations are thread-safe. */
public interface SessionMetrics {
  void frameIn();

  void frameOut();

  /** A new message was stored by a {@code send} (not an idempotent repeat). */
  void sent();

  /** A message reached a connection {@code millis} after it was stored. */
  void fannedOut(long millis);

  void error(ErrorCode code);

  /** A connection was closed (1008) because its outbound queue was full: a slow consumer. */
  default void slowConsumerClosed() {}

  /** Counts nothing (tests). */
  SessionMetrics NONE =
      new SessionMetrics() {
        @Override
        public void frameIn() {}

        @Override
        public void frameOut() {}

        @Override
        public void sent() {}

        @Override
        public void fannedOut(long millis) {}

        @Override
        public void error(ErrorCode code) {}
      };
}
