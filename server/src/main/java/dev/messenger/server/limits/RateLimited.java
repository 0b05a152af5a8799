package dev.messenger.server.limits;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;

/** {@code rate_limited} with the seconds after which a retry may pass ({@code Retry-After}). */
public final class RateLimited extends MessengerException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public RateLimited(String message, long retryAfterSeconds) {
    super(ErrorCode.RATE_LIMITED, message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  /** Whole seconds, at least 1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
