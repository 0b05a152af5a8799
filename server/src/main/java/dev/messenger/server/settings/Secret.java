package dev.messenger.server.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret setting (a password or private key): its {@link #toString()} never shows the value, so
 * printing or logging {@link Settings}, a group record or an error message cannot leak it. Only
 * {@link #reveal()} hands the value out, to the one client library that needs it. Immutable and
 * thread-safe.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * The secret {@code value}; the empty string means "not given".
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** No secret: the empty string. */
  public static Secret empty() {
    return EMPTY;
  }

  /** The value itself; pass it on to the library that needs it, never to a log or a message. */
  public String reveal() {
    return value;
  }

  /** Whether the secret was not given. Not itself a secret. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Compares the values in time independent of where they differ. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }

  /** {@code ****}, or the empty string when no secret was given. */
  @Override
  public String toString() {
    return value.isEmpty() ? "" : "****";
  }
}
