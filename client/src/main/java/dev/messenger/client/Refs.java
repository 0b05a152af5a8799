package dev.messenger.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the {@code ref} values a {@link ChatSocket} puts on its requests: {@code sdk-1}, {@code
 * sdk-2}, ..., unique per generator and far below the protocol's 64 characters. Thread-safe.
 */
final class Refs {
  static final String PREFIX = "sdk-";

  private final AtomicLong counter = new AtomicLong();

  /** A ref not returned before by this generator. */
  String next() {
    return PREFIX + counter.incrementAndGet();
  }
}
