package dev.messenger.core.testing;

import dev.messenger.core.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Timers} driven by a {@link FakeClock}: a task runs, on the thread that moves the clock,
 * once the clock reaches its due time ({@link FakeClock#advance} or {@link #advance} both work), in
 * due-time order, ties in scheduling order. Tasks see the clock at its new time, not at their due
 * time. Nothing runs on its own. Thread-safe.
 */
public final class FakeTimers implements Timers {
  private final FakeClock clock;
  private final List<Scheduled> tasks = new ArrayList<>();
  private long nextOrder;

  public FakeTimers(FakeClock clock) {
    this.clock = clock;
    clock.onChange(this::runDue);
  }

  private final class Scheduled implements Cancellable {
    final long dueMillis;
    final long order;
    final Runnable task;

    Scheduled(long dueMillis, long order, Runnable task) {
      this.dueMillis = dueMillis;
      this.order = order;
      this.task = task;
    }

    @Override
    public void cancel() {
      synchronized (FakeTimers.this) {
        tasks.remove(this);
      }
    }
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Scheduled s = new Scheduled(clock.millis() + Math.max(0, delay.toMillis()), nextOrder++, task);
    tasks.add(s);
    return s;
  }

  /** Moves the clock forward by {@code d}, running every task that falls due. */
  public void advance(Duration d) {
    clock.advance(d);
  }

  /** Runs every task due at the clock's current time (including ones those tasks schedule). */
  public void runDue() {
    while (true) {
      Scheduled next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(s -> s.dueMillis <= clock.millis())
                .min(
                    Comparator.comparingLong((Scheduled s) -> s.dueMillis)
                        .thenComparingLong(s -> s.order))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.task.run();
    }
  }

  /** Tasks scheduled, not cancelled and not run yet. */
  public synchronized int pending() {
    return tasks.size();
  }
}
