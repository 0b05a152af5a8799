package dev.messenger.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Runs many asynchronous tasks with at most a given number in flight. Thread-safe. */
final class Bounded {
  private Bounded() {}

  /**
   * Starts {@code task.apply(i)} for every {@code i} in {@code [0, count)}, at most {@code
   * maxInFlight} at a time. Every task runs even if some fail; the result then fails with the first
   * failure, else lists the values in index order.
   */
  static <T> Future<List<T>> run(int count, int maxInFlight, IntFunction<Future<T>> task) {
    Promise<List<T>> done = Promise.promise();
    if (count == 0) {
      done.complete(List.of());
      return done.future();
    }
    Object[] results = new Object[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable[] pump = new Runnable[1];
    pump[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= count) {
            return;
          }
          Future<T> f;
          try {
            f = task.apply(i);
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(
              ar -> {
                if (ar.succeeded()) {
                  results[i] = ar.result();
                } else {
                  failure.compareAndSet(null, ar.cause());
                }
                if (finished.incrementAndGet() == count) {
                  complete(done, results, failure.get());
                } else {
                  pump[0].run();
                }
              });
        };
    for (int k = 0; k < Math.min(maxInFlight, count); k++) {
      pump[0].run();
    }
    return done.future();
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Promise<List<T>> done, Object[] results, Throwable failure) {
    if (failure != null) {
      done.fail(failure);
    } else {
      done.complete(new ArrayList<>((List<T>) Arrays.asList(results)));
    }
  }
}
