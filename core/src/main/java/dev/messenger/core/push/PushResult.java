package dev.messenger.core.push;

import java.time.Duration;
import java.util.Objects;

/**
 * What a push service answered. Immutable.
 *
 * @param outcome what to do about it
 * @param status the HTTP status, or 0 if no answer came (network error, timeout)
 * @param retryAfter how long the service asked to wait ({@code Retry-After}), or null
 */
public record PushResult(Outcome outcome, int status, Duration retryAfter) {

  /** The kinds of answer (RFC 8030 section 5 and 8.3). */
  public enum Outcome {
    /** 2xx: the push service accepted the message. */
    SENT,
    /** 404 or 410: the subscription is gone; it is deleted. */
    EXPIRED,
    /** 429, 5xx or no answer: worth trying again later. */
    RETRY,
    /** Any other answer (e.g. 400, 413): trying again would not help. */
    FAILED
  }

  public PushResult {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The outcome of an HTTP status (0 for no answer). */
  public static PushResult ofStatus(int status, Duration retryAfter) {
    Outcome o;
    if (status >= 200 && status < 300) {
      o = Outcome.SENT;
    } else if (status == 404 || status == 410) {
      o = Outcome.EXPIRED;
    } else if (status == 0 || status == 429 || status >= 500) {
      o = Outcome.RETRY;
    } else {
      o = Outcome.FAILED;
    }
    return new PushResult(o, status, retryAfter);
  }
}
