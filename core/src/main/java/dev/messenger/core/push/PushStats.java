package dev.messenger.core.push;

import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of push outcomes since the node started, for metrics: totals, and per push type ({@link
 * Kind}) and outcome (PROTOCOL.md section 9). Every counter only grows. Thread-safe: each counter
 * is updated atomically, the set of them is not a snapshot.
 */
public final class PushStats {
  /** The outcomes counted per push type. */
  public enum Counted {
    SENT,
    FAILED,
    EXPIRED,
    RETRIED
  }

  private final AtomicLong coalesced = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<Kind, Map<Counted, AtomicLong>> byKind = new EnumMap<>(Kind.class);

  public PushStats() {
    for (Kind k : Kind.values()) {
      Map<Counted, AtomicLong> m = new EnumMap<>(Counted.class);
      for (Counted c : Counted.values()) {
        m.put(c, new AtomicLong());
      }
      byKind.put(k, m);
    }
  }

  /** Pushes of type {@code kind} with outcome {@code outcome}. */
  public long count(Kind kind, Counted outcome) {
    return byKind.get(kind).get(outcome).get();
  }

  private long total(Counted outcome) {
    long n = 0;
    for (Kind k : Kind.values()) {
      n += count(k, outcome);
    }
    return n;
  }

  /** Pushes a push service accepted, all types. */
  public long sent() {
    return total(Counted.SENT);
  }

  /** Pushes given up: refused, or still failing after the last retry; all types. */
  public long failed() {
    return total(Counted.FAILED);
  }

  /** Pushes whose subscription or token the service reported invalid (then deleted). */
  public long expired() {
    return total(Counted.EXPIRED);
  }

  /** Attempts scheduled again after a 429, a 5xx or a network error. */
  public long retried() {
    return total(Counted.RETRIED);
  }

  /** Pushes not sent because the device got one for the same conversation within the window. */
  public long coalesced() {
    return coalesced.get();
  }

  /** Messages not considered for push because the push queue was full. */
  public long dropped() {
    return dropped.get();
  }

  void count1(Kind kind, Counted outcome) {
    byKind.get(kind).get(outcome).incrementAndGet();
  }

  void coalesced1() {
    coalesced.incrementAndGet();
  }

  void dropped1() {
    dropped.incrementAndGet();
  }
}
