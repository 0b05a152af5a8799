package dev.messenger.server.chat;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's blocking work, run on the shared worker pool one job after another in the order
 * the frames arrived: a job starts once the one before it returned (not once its future completed),
 * so a send waits for its turn to enqueue, never for an earlier commit.
 *
 * <p>Bounded: at most {@code limit} jobs wait or run; {@link #offer} returns false beyond that
 * (overflow action: the caller answers {@code rate_limited}). When the worker pool itself refuses a
 * job, the job is told {@link Job#rejected()} (the caller answers {@code unavailable}) and the
 * queue moves on.
 *
 * <p>Not thread-safe: call {@link #offer} on the session's serial executor; jobs run on the worker
 * pool and the queue hands over to the next job through the serial executor.
 */
final class OrderedWork {
  private static final Logger LOG = LoggerFactory.getLogger(OrderedWork.class);

  /** Blocking work for the worker pool. */
  interface Job {
    /** Runs on a worker; may block on the store or the bus. */
    void run();

    /** The worker pool refused the job; called on the serial executor. */
    void rejected();
  }

  /** A job of two parts: {@code run} on a worker, {@code rejected} if the pool refuses it. */
  static Job job(Runnable run, Runnable rejected) {
    return new Job() {
      @Override
      public void run() {
        run.run();
      }

      @Override
      public void rejected() {
        rejected.run();
      }
    };
  }

  private final Executor serial;
  private final Executor workers;
  private final int limit;
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private boolean running;

  OrderedWork(Executor serial, Executor workers, int limit) {
    this.serial = serial;
    this.workers = workers;
    this.limit = limit;
  }

  /** Queues a job; false when {@code limit} jobs already wait or run. */
  boolean offer(Job job) {
    if (waiting.size() + (running ? 1 : 0) >= limit) {
      return false;
    }
    waiting.add(job);
    if (!running) {
      next();
    }
    return true;
  }

  /** Jobs waiting or running. */
  int size() {
    return waiting.size() + (running ? 1 : 0);
  }

  private void next() {
    while (true) {
      Job job = waiting.poll();
      if (job == null) {
        running = false;
        return;
      }
      running = true;
      try {
        workers.execute(
            () -> {
              try {
                job.run();
              } catch (RuntimeException e) {
                LOG.warn("session job failed", e);
              } finally {
                serial.execute(this::next);
              }
            });
        return;
      } catch (RejectedExecutionException e) {
        job.rejected();
      }
    }
  }
}
