package dev.messenger.server;

import dev.messenger.core.Timers;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link Timers} on Vert.x timers: a task runs on the worker pool once its delay (at least 1 ms)
 * has passed; when the bounded pool refuses it, it is offered again every {@link #RETRY_MILLIS} ms
 * rather than lost. Thread-safe.
 */
final class VertxTimers implements Timers {
  static final long RETRY_MILLIS = 50;

  private final Vertx vertx;
  private final Executor workers;

  VertxTimers(Vertx vertx, Executor workers) {
    this.vertx = vertx;
    this.workers = workers;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> run(task));
    return () -> vertx.cancelTimer(id);
  }

  private void run(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      vertx.setTimer(RETRY_MILLIS, t -> run(task));
    }
  }
}
