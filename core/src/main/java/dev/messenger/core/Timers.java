package dev.messenger.core;

import java.time.Duration;

/**
 * Schedules delayed work; injected so that tests can run time forward instead of sleeping.
 * Implementations are thread-safe.
 */
public interface Timers {
  /** A scheduled task that has not run yet can be cancelled. */
  interface Cancellable {
    /** Stops the task if it has not started; does nothing otherwise. */
    void cancel();
  }

  /** Runs {@code task} once after {@code delay}, on a thread of the implementation's choosing. */
  Cancellable schedule(Duration delay, Runnable task);
}
