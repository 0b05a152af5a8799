package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-commit writer (DESIGN.md principle 3): one thread takes every write waiting in its
 * queue (up to {@code maxBatch}), runs them in one transaction, each inside its own savepoint so a
 * failing write does not undo the others, commits once, and only then completes their futures, in
 * submission order, on a separate completion thread (so fan-out work never delays the next batch).
 *
 * <p>A write that throws a {@link MessengerException} fails with it; any other failure, or a failed
 * commit, fails with {@code unavailable}: nothing is ever reported done that was not committed.
 * After a failed commit the connection is reopened. Thread-safe.
 *
 * <p>Back-pressure: the queue is bounded. At most {@code maxQueuedWrites} writes wait for a
 * transaction (the batch being run is not counted); when the queue is full, {@link #submit} does
 * not block and does not queue: its future is already failed with {@code unavailable} when it
 * returns, and the caller may retry later. A refused write has changed nothing; a write that was
 * queued is never dropped.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** A unit of work run inside the batch's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Opens a fresh connection for the writer. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private record Task<T>(String orderKey, Work<T> work, CompletableFuture<T> future) {}

  /** Batches run in this order: by key, then as submitted. */
  private static final java.util.Comparator<Task<?>> BY_KEY =
      java.util.Comparator.comparing(Task::orderKey);

  /** Hears of every committed batch: how many writes it held and how long it took, in ns. */
  @FunctionalInterface
  public interface BatchListener {
    void committed(int writes, long nanos);
  }

  /** Sets the listener for committed batches (metrics); called on the writer thread. */
  public void onBatch(BatchListener l) {
    this.listener = l;
  }

  /** Writes that may wait for a transaction unless the caller says otherwise: 10,000. */
  public static final int DEFAULT_MAX_QUEUED_WRITES = 10_000;

  private final BlockingQueue<Task<?>> queue;
  private final ConnectionFactory connections;
  private final int maxBatch;
  private final int maxQueuedWrites;
  private final Thread thread;
  private final ExecutorService completions;
  private volatile boolean closed;
  private volatile long commitDelayNanos;
  private volatile BatchListener listener = (writes, nanos) -> {};
  private Connection connection;

  /**
   * A writer whose queue holds up to {@value #DEFAULT_MAX_QUEUED_WRITES} writes.
   *
   * @param maxBatch most writes in one transaction
   */
  public GroupCommitWriter(String name, ConnectionFactory connections, int maxBatch) {
    this(name, connections, maxBatch, DEFAULT_MAX_QUEUED_WRITES);
  }

  /**
   * Starts the writer thread (named {@code name}) and its completion thread.
   *
   * @param maxBatch most writes in one transaction
   * @param maxQueuedWrites most writes waiting for a transaction; more are refused with {@code
   *     unavailable}
   * @throws IllegalArgumentException if {@code maxBatch} or {@code maxQueuedWrites} is below 1
   */
  public GroupCommitWriter(
      String name, ConnectionFactory connections, int maxBatch, int maxQueuedWrites) {
    if (maxBatch < 1 || maxQueuedWrites < 1) {
      throw new IllegalArgumentException("maxBatch and maxQueuedWrites must be >= 1");
    }
    this.connections = connections;
    this.maxBatch = maxBatch;
    this.maxQueuedWrites = maxQueuedWrites;
    this.queue = new LinkedBlockingQueue<>(maxQueuedWrites);
    this.completions =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-completions");
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues {@code work}; the future completes after the transaction holding it committed. Never
   * blocks: fails at once with {@code unavailable} when the queue is full or the writer is closed.
   */
  public <T> CompletableFuture<T> submit(Work<T> work) {
    return submit("", work);
  }

  /**
   * Like {@link #submit(Work)}, for a write that locks the rows of {@code orderKey} (e.g. a
   * conversation id): a batch runs its writes sorted by key (stable, so writes to one key keep
   * their order), so that writers on several nodes take row locks in one global order and never
   * deadlock on each other.
   */
  public <T> CompletableFuture<T> submit(String orderKey, Work<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    synchronized (queue) {
      // Under the same lock as close(): a write is either queued before the writer's last drain
      // or refused, never left behind.
      if (closed) {
        f.completeExceptionally(unavailable("the store is shutting down", null));
        return f;
      }
      if (!queue.offer(new Task<>(orderKey, work, f))) {
        f.completeExceptionally(
            unavailable(
                "the store is overloaded: " + maxQueuedWrites + " writes are waiting", null));
      }
    }
    return f;
  }

  /** Writes waiting for a transaction. */
  public int queueDepth() {
    return queue.size();
  }

  /** Most writes that may wait for a transaction; {@link #submit} refuses more. */
  public int maxQueuedWrites() {
    return maxQueuedWrites;
  }

  private void loop() {
    List<Task<?>> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        gatherMore(batch);
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("group-commit writer failed", e);
      } finally {
        batch.clear();
      }
    }
    Task<?> t;
    while ((t = queue.poll()) != null) {
      t.future.completeExceptionally(unavailable("the store is shutting down", null));
    }
    closeConnection();
  }

  /**
   * Group commit with a delay (like PostgreSQL's {@code commit_delay}): when writes are arriving
   * concurrently (the first drain found more than one) and the batch is not full, waits up to
   * {@link #commitDelay} for more, so that many more writes share one commit and one fsync. A lone
   * write (light load) never waits.
   */
  private void gatherMore(List<Task<?>> batch) throws InterruptedException {
    long delay = commitDelayNanos;
    if (delay <= 0 || batch.size() < 2) {
      return;
    }
    long deadline = System.nanoTime() + delay;
    while (batch.size() < maxBatch) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Task<?> next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, maxBatch - batch.size());
    }
  }

  /**
   * Sets how long a batch under concurrent load waits for more writes before it commits (0, the
   * writer's default: never waits; the node's setting {@code commit-delay} defaults to 2 ms).
   * Trades up to that much latency for fewer commits and fsyncs, which are most of the writer's CPU
   * on SQLite. Thread-safe.
   *
   * @throws IllegalArgumentException if negative
   */
  public void commitDelay(java.time.Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("commit delay must be >= 0");
    }
    this.commitDelayNanos = delay.toNanos();
  }

  /**
   * Runs a batch optimistically, without savepoints: most batches have no failing write, and a
   * savepoint costs two statements per write. If any write throws, the transaction is rolled back
   * and the batch runs again with a savepoint per write, so only the failing ones fail.
   */
  private void runBatch(List<Task<?>> submitted) {
    long start = System.nanoTime();
    List<Task<?>> batch = new ArrayList<>(submitted);
    batch.sort(BY_KEY);
    // A transient conflict (a deadlock or serialization failure the database resolved by
    // aborting us) reruns the whole batch; any other failure of a write sends the batch to the
    // savepoint pass, where only the failing writes fail.
    boolean optimistic = batch.size() > 1;
    for (int attempt = 1; ; attempt++) {
      Connection c;
      try {
        c = connection();
      } catch (SQLException | RuntimeException e) {
        failAll(batch, e);
        return;
      }
      Map<Task<?>, Runnable> done = new IdentityHashMap<>(batch.size() * 2);
      try {
        for (Task<?> task : batch) {
          done.put(task, optimistic ? runPlain(c, task) : runOne(c, task));
        }
        c.commit();
        listener.committed(batch.size(), System.nanoTime() - start);
        // Run in key order, completed in submission order: one connection's sends are answered
        // in the order it sent them, whatever conversations they went to.
        List<Runnable> outcomes = new ArrayList<>(submitted.size());
        for (Task<?> task : submitted) {
          outcomes.add(done.get(task));
        }
        completions.execute(() -> outcomes.forEach(Runnable::run));
        return;
      } catch (SQLException | RuntimeException | Error e) {
        boolean retry = transientConflict(e) && attempt < MAX_ATTEMPTS;
        if (!retry && !optimistic) {
          failAll(batch, e);
          return;
        }
        try {
          c.rollback();
        } catch (SQLException rollbackFailed) {
          failAll(batch, rollbackFailed);
          return;
        }
        if (!retry) {
          optimistic = false;
        }
      }
    }
  }

  /** Optimistic passes per batch before falling back to savepoints. */
  private static final int MAX_ATTEMPTS = 3;

  /** A deadlock (40P01) or serialization failure (40001): retrying may succeed. */
  private static boolean transientConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** Fails every write of a batch with {@code unavailable} and drops the connection. */
  private void failAll(List<Task<?>> batch, Throwable e) {
    LOG.warn("commit of {} writes failed", batch.size(), e);
    closeConnection();
    MessengerException failure = unavailable("the store could not commit", e);
    // A copy: loop() clears `batch` before the completion thread gets to it.
    List<Task<?>> failed = List.copyOf(batch);
    completions.execute(() -> failed.forEach(task -> task.future.completeExceptionally(failure)));
  }

  /** Runs one task without a savepoint; any failure aborts the optimistic pass. */
  private static <T> Runnable runPlain(Connection c, Task<T> task) throws SQLException {
    T result = task.work.run(c);
    return () -> task.future.complete(result);
  }

  /** Runs one task in a savepoint; returns what completes its future once the batch commits. */
  private <T> Runnable runOne(Connection c, Task<T> task) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      T result = task.work.run(c);
      c.releaseSavepoint(sp);
      return () -> task.future.complete(result);
    } catch (MessengerException e) {
      c.rollback(sp);
      return () -> task.future.completeExceptionally(e);
    } catch (SQLException | RuntimeException | Error e) {
      c.rollback(sp);
      if (transientConflict(e)) {
        throw e;
      }
      LOG.warn("a write failed", e);
      MessengerException failure = unavailable("the store rejected the write", e);
      return () -> task.future.completeExceptionally(failure);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = connections.open();
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the connection is going away anyway
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
      connection = null;
    }
  }

  private static MessengerException unavailable(String message, Throwable cause) {
    return new MessengerException(ErrorCode.UNAVAILABLE, message, cause);
  }

  /** Stops taking writes, commits what is queued, then stops. Waits up to 10 s. */
  @Override
  public void close() {
    synchronized (queue) {
      closed = true;
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    completions.shutdown();
    try {
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
