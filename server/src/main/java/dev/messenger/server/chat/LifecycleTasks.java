package dev.messenger.server.chat;

import dev.messenger.core.Timers;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs work that must not be lost to a full worker pool (a connection's presence on close): when
 * the pool refuses it, it is offered again after {@link #RETRY}. Thread-safe.
 */
final class LifecycleTasks {
  static final Duration RETRY = Duration.ofMillis(100);

  private final Executor workers;
  private final Timers timers;

  LifecycleTasks(Executor workers, Timers timers) {
    this.workers = workers;
    this.timers = timers;
  }

  /** Runs {@code task} on the worker pool, now or as soon as it takes it. */
  void runEventually(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      timers.schedule(RETRY, () -> runEventually(task));
    }
  }
}
