package dev.messenger.core.push;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of push outcomes since the node started, for metrics. Every counter only grows.
 * Thread-safe: each counter is updated atomically, the set of them is not a snapshot.
 */
public final class PushStats {
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong coalesced = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /** Pushes a push service accepted (2xx). */
  public long sent() {
    return sent.get();
  }

  /** Pushes given up: refused (4xx other than 404/410), or still failing after the last retry. */
  public long failed() {
    return failed.get();
  }

  /** Pushes answered 404 or 410, whose subscription was therefore deleted. */
  public long expired() {
    return expired.get();
  }

  /** Attempts scheduled again after a 429, a 5xx or a network error. */
  public long retried() {
    return retried.get();
  }

  /** Pushes not sent because the device got one for the same conversation within the window. */
  public long coalesced() {
    return coalesced.get();
  }

  /** Messages not considered for push because the push queue was full. */
  public long dropped() {
    return dropped.get();
  }

  void sent1() {
    sent.incrementAndGet();
  }

  void failed1() {
    failed.incrementAndGet();
  }

  void expired1() {
    expired.incrementAndGet();
  }

  void retried1() {
    retried.incrementAndGet();
  }

  void coalesced1() {
    coalesced.incrementAndGet();
  }

  void dropped1() {
    dropped.incrementAndGet();
  }
}
