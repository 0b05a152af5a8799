package dev.messenger.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that stands still until a test moves it with {@link #advance} or {@link
 * #setMillis}. Listeners (such as {@link FakeTimers}) are told after every move, on the moving
 * thread. Thread-safe. Always in UTC.
 */
public final class FakeClock extends Clock {
  /** 2023-11-14T22:13:20Z: a fixed, recognisable start. */
  public static final long DEFAULT_START_MILLIS = 1_700_000_000_000L;

  private final AtomicLong millis;
  private final List<Runnable> listeners;

  public FakeClock() {
    this(DEFAULT_START_MILLIS);
  }

  public FakeClock(long startMillis) {
    this(new AtomicLong(startMillis), new CopyOnWriteArrayList<>());
  }

  private FakeClock(AtomicLong millis, List<Runnable> listeners) {
    this.millis = millis;
    this.listeners = listeners;
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same clock (time is shared); the zone is ignored, this clock is always UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** Moves time forward by {@code d} (not negative) and tells the listeners. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + d);
    }
    millis.addAndGet(d.toMillis());
    fire();
  }

  /** Sets the time and tells the listeners. */
  public void setMillis(long newMillis) {
    millis.set(newMillis);
    fire();
  }

  /** Calls {@code listener} after every move of this clock. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void fire() {
    for (Runnable l : listeners) {
      l.run();
    }
  }
}
