package dev.messenger.core.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true, checking it often, up to a deadline: for
 * the few tests that cannot get a future or a latch from the code under test.
 */
public final class Eventually {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private Eventually() {}

  /** Returns as soon as {@code condition} holds; fails the test after 10 s. */
  public static void waitUntil(String what, BooleanSupplier condition) {
    waitUntil(what, condition, DEFAULT_TIMEOUT);
  }

  /** Returns as soon as {@code condition} holds; fails the test after {@code timeout}. */
  public static void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      LockSupport.parkNanos(200_000);
    }
  }
}
