package dev.messenger.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool for blocking work (store reads, password hashing, bus calls): a fixed number of
 * daemon threads and a bounded queue. Overflow action: {@code execute} throws {@link
 * java.util.concurrent.RejectedExecutionException}, which the edge answers with {@code unavailable}
 * (HTTP 503, WebSocket {@code error}) instead of growing memory and latency.
 */
public final class Workers {
  private Workers() {}

  /**
   * @param threads worker threads
   * @param queueLimit most tasks waiting for a thread
   */
  public static ThreadPoolExecutor bounded(int threads, int queueLimit) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueLimit),
        r -> {
          Thread t = new Thread(r, "worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }
}
