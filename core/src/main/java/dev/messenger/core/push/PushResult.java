package dev.messenger.core.push;

import java.time.Duration;
import java.util.Objects;

/**
 * What a push service answered. Immutable.
 *
 * @param outcome what to do about it
 * @param status the HTTP status, or 0 if no answer came (network error, timeout)
 * @param retryAfter how long the service asked to wait ({@code Retry-After}), or null
 * @param reason a short text for the device's {@code lastError} (e.g. {@code HTTP 400}, {@code
 *     UNREGISTERED}, {@code BadDeviceToken}), or null on success
 */
public record PushResult(Outcome outcome, int status, Duration retryAfter, String reason) {

  /** The kinds of answer (RFC 8030 section 5 and 8.3; FCM and APNs error codes alike). */
  public enum Outcome {
    /** 2xx: the push service accepted the message. */
    SENT,
    /** The subscription or token is gone or invalid (404/410, UNREGISTERED, BadDeviceToken). */
    EXPIRED,
    /** 429, 5xx or no answer: worth trying again later. */
    RETRY,
    /** Any other answer (e.g. 400, 413): trying again would not help. */
    FAILED
  }

  public PushResult {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** A result without a reason (kept for callers of the first version). */
  public PushResult(Outcome outcome, int status, Duration retryAfter) {
    this(outcome, status, retryAfter, outcome == Outcome.SENT ? null : describe(status));
  }

  /** The outcome of an HTTP status (0 for no answer), the Web Push way. */
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

  /** A failure that no request produced (bad configuration, refused address). */
  public static PushResult failed(String reason) {
    return new PushResult(Outcome.FAILED, 0, null, reason);
  }

  /** {@code HTTP n}, or {@code no answer} for 0. */
  public static String describe(int status) {
    return status == 0 ? "no answer" : "HTTP " + status;
  }
}
