package dev.messenger.server.chat;

import java.time.Duration;

/**
 * Counts a connection's rate-limited frames in a fixed window (PROTOCOL.md: "persistent abuse
 * closes with 4008"). Not thread-safe: the session's serial executor only.
 */
final class Strikes {
  private final int limit;
  private final long windowMillis;
  private long windowStart;
  private int count;

  /**
   * @param limit strikes allowed within one window; 0 never closes
   */
  Strikes(int limit, Duration window) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
  }

  /** Counts one strike at {@code nowMillis}; true when the limit is now exceeded. */
  boolean strike(long nowMillis) {
    if (nowMillis - windowStart > windowMillis) {
      windowStart = nowMillis;
      count = 0;
    }
    count++;
    return limit > 0 && count > limit;
  }
}
