package dev.messenger.store;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.testing.Eventually;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group-commit writer on a real SQLite file, its connection wrapped to count and break commits.
 * Batches are made deterministic without timing: a first write holds the writer thread (on a latch)
 * while the others queue up behind it, so they all land in the next batch.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitWriterTest {
  @TempDir Path dir;

  private String url;
  private final AtomicInteger commits = new AtomicInteger();
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicBoolean failCommit = new AtomicBoolean();
  private final AtomicBoolean failOpen = new AtomicBoolean();
  private final AtomicInteger failedCommits = new AtomicInteger();
  private final AtomicInteger refusedOpens = new AtomicInteger();
  private final List<GroupCommitWriter> writers = new ArrayList<>();

  @BeforeEach
  void createTable() throws SQLException {
    url = "jdbc:sqlite:" + dir.resolve("writer.db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE rows (n INTEGER PRIMARY KEY)");
    }
  }

  @AfterEach
  void closeWriters() {
    writers.forEach(GroupCommitWriter::close);
  }

  @Test
  void concurrentSubmits_shareOneTransaction() throws Exception {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);

    List<CompletableFuture<Integer>> futures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int base = 1 + t * 25;
      Thread thread =
          new Thread(
              () -> {
                for (int i = base; i < base + 25; i++) {
                  futures.add(writer.submit(insert(i)));
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(writer.queueDepth()).isEqualTo(200);
    gate.release();

    for (CompletableFuture<Integer> f : futures) {
      await(f);
    }
    await(gate.future);
    assertThat(commits.get())
        .as("one commit for the holder, one for the 200 behind it")
        .isEqualTo(2);
    assertThat(rowCount()).isEqualTo(201);
  }

  @Test
  void batch_neverExceedsMaxBatch() {
    GroupCommitWriter writer = writer(64);
    Gate gate = holdWriter(writer, 0);
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      futures.add(writer.submit(insert(i)));
    }
    gate.release();

    futures.forEach(f -> await(f));
    // 1 (the holder) + ceil(200 / 64) = 1 + 4.
    assertThat(commits.get()).isEqualTo(5);
    assertThat(rowCount()).isEqualTo(201);
  }

  @Test
  void futures_completeAfterCommit_inSubmissionOrder() {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    List<Integer> completed = new CopyOnWriteArrayList<>();
    List<Integer> committedWhenCompleted = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      futures.add(
          writer
              .submit(insert(i))
              .thenAccept(
                  n -> {
                    completed.add(n);
                    committedWhenCompleted.add(commits.get());
                  }));
    }
    assertThat(completed).isEmpty();
    gate.release();

    futures.forEach(f -> await(f));
    assertThat(completed).containsExactlyElementsOf(range(1, 100));
    assertThat(committedWhenCompleted).allSatisfy(n -> assertThat(n).isEqualTo(2));
  }

  @Test
  void writesRunInKeyOrder_butCompleteInSubmissionOrder() {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    List<Integer> completed = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      // Keys descending: the batch runs them in the opposite order of submission.
      futures.add(
          writer.submit(String.format("k%03d", 100 - i), insert(i)).thenAccept(completed::add));
    }
    gate.release();

    futures.forEach(f -> await(f));
    assertThat(completed).containsExactlyElementsOf(range(1, 20));
  }

  @Test
  void workThrowingMessengerException_failsOnlyItsOwnFuture() throws Exception {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    CompletableFuture<Integer> before = writer.submit(insert(1));
    CompletableFuture<Integer> failing =
        writer.submit(
            c -> {
              insert(2).run(c);
              throw new MessengerException(ErrorCode.CONFLICT, "taken");
            });
    CompletableFuture<Integer> after = writer.submit(insert(3));
    gate.release();

    assertThat(await(before)).isEqualTo(1);
    assertThat(await(after)).isEqualTo(3);
    MessengerException e = assertFailsWith(ErrorCode.CONFLICT, () -> failing);
    assertThat(e.getMessage()).isEqualTo("taken");
    assertThat(rows())
        .as("the failed write was rolled back to its savepoint")
        .containsExactly(0, 1, 3);
    assertThat(commits.get()).isEqualTo(2);
  }

  @Test
  void workThrowingSqlException_failsUnavailable_othersCommit() {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    CompletableFuture<Integer> ok = writer.submit(insert(1));
    CompletableFuture<Integer> duplicateKey = writer.submit(insert(1));
    CompletableFuture<Integer> alsoOk = writer.submit(insert(2));
    gate.release();

    assertThat(await(ok)).isEqualTo(1);
    assertThat(await(alsoOk)).isEqualTo(2);
    MessengerException e = assertFailsWith(ErrorCode.UNAVAILABLE, () -> duplicateKey);
    assertThat(e.getCause()).isInstanceOf(SQLException.class);
    assertThat(rows()).containsExactly(0, 1, 2);
  }

  @Test
  void failingCommit_failsWholeBatchUnavailable() {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    List<CompletableFuture<Integer>> batch = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      batch.add(writer.submit(insert(i)));
    }
    failCommit.set(true);
    gate.release();

    assertFailsWith(ErrorCode.UNAVAILABLE, () -> gate.future);
    for (CompletableFuture<Integer> f : batch) {
      assertFailsWith(ErrorCode.UNAVAILABLE, () -> f);
    }
    assertThat(rowCount()).as("nothing of a failed commit is kept").isZero();
  }

  @Test
  void failingCommit_keepsNothing_writerKeepsWorkingAfterwards() {
    GroupCommitWriter writer = writer(256);
    failCommit.set(true);
    writer.submit(insert(1));
    Eventually.waitUntil("the commit was tried", () -> failedCommits.get() == 1);

    failCommit.set(false);
    writer.submit(insert(42));
    Eventually.waitUntil("the next write committed", () -> commits.get() == 1);

    assertThat(rows()).as("the failed batch was rolled back").containsExactly(42);
    assertThat(opens.get()).as("a fresh connection after the failed commit").isEqualTo(2);
  }

  @Test
  void failingOpen_failsBatchUnavailable() {
    failOpen.set(true);
    GroupCommitWriter writer = writer(256);

    assertFailsWith(ErrorCode.UNAVAILABLE, () -> writer.submit(insert(1)));
  }

  @Test
  void failingOpen_writerRecoversOnceTheDatabaseIsBack() {
    failOpen.set(true);
    GroupCommitWriter writer = writer(256);
    writer.submit(insert(1));
    Eventually.waitUntil("an open was refused", () -> refusedOpens.get() == 1);

    failOpen.set(false);
    writer.submit(insert(2));
    Eventually.waitUntil("the next write committed", () -> commits.get() == 1);

    assertThat(rows()).containsExactly(2);
  }

  @Test
  void close_commitsQueuedWrites_thenRejectsNewOnes() throws Exception {
    GroupCommitWriter writer = writer(256);
    Gate gate = holdWriter(writer, 0);
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      queued.add(writer.submit(insert(i)));
    }
    Thread closer = new Thread(writer::close);
    closer.start();
    // close() is now waiting for the writer thread; writes submitted from here are refused.
    CompletableFuture<Integer> late = awaitRefused(writer);
    gate.release();
    closer.join(15_000);

    assertThat(closer.isAlive()).isFalse();
    queued.forEach(f -> await(f));
    assertThat(rowCount()).isEqualTo(11);
    assertFailsWith(ErrorCode.UNAVAILABLE, () -> late);
  }

  @Test
  void workThrowingError_failsItsFuture_writerKeepsWorking() {
    GroupCommitWriter writer = writer(256);

    CompletableFuture<Integer> broken =
        writer.submit(
            c -> {
              throw new AssertionError("a bug in a write");
            });

    MessengerException e = assertFailsWith(ErrorCode.UNAVAILABLE, () -> broken);
    assertThat(e).isNotNull();
    assertThat(await(writer.submit(insert(7)))).isEqualTo(7);
  }

  @Test
  void fullQueue_refusesAtOnceWithUnavailable_nothingAcceptedIsLost() {
    GroupCommitWriter writer = writer(4, 8);
    Gate gate = holdWriter(writer, 0);
    List<CompletableFuture<Integer>> accepted = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      accepted.add(writer.submit(insert(i)));
    }
    assertThat(writer.queueDepth()).isEqualTo(8);

    CompletableFuture<Integer> refused = writer.submit(insert(9));

    // Decided on the caller's thread, while the writer is still stalled: no waiting, no queueing.
    assertThat(refused).as("refused before the writer moved").isCompletedExceptionally();
    assertThat(writer.queueDepth()).isEqualTo(8);
    MessengerException e = assertFailsWith(ErrorCode.UNAVAILABLE, () -> refused);
    assertThat(e.getMessage()).contains("8 writes are waiting");
    assertThat(accepted).allSatisfy(f -> assertThat(f).isNotDone());

    gate.release();
    for (int i = 0; i < accepted.size(); i++) {
      assertThat(await(accepted.get(i))).isEqualTo(i + 1);
    }
    await(gate.future);
    assertThat(rows())
        .as("every acknowledged write, and only those")
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(await(writer.submit(insert(9)))).as("room again once drained").isEqualTo(9);
  }

  @Test
  void queueBound_belowOne_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new GroupCommitWriter("test-writer", this::open, 4, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ helpers

  private GroupCommitWriter writer(int maxBatch) {
    return writer(maxBatch, GroupCommitWriter.DEFAULT_MAX_QUEUED_WRITES);
  }

  private GroupCommitWriter writer(int maxBatch, int maxQueuedWrites) {
    GroupCommitWriter w =
        new GroupCommitWriter("test-writer", this::open, maxBatch, maxQueuedWrites);
    writers.add(w);
    return w;
  }

  /** A connection to the test database whose commits are counted and can be made to fail. */
  private Connection open() throws SQLException {
    if (failOpen.get()) {
      refusedOpens.incrementAndGet();
      throw new SQLException("cannot open: test says no");
    }
    opens.incrementAndGet();
    Connection real = DriverManager.getConnection(url);
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              boolean commit = method.getName().equals("commit") && method.getParameterCount() == 0;
              if (commit && failCommit.get()) {
                failedCommits.incrementAndGet();
                throw new SQLException("commit failed: disk on fire");
              }
              try {
                Object result = method.invoke(real, args);
                if (commit) {
                  // Counted once done, so a test that saw the count sees the committed rows.
                  commits.incrementAndGet();
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** A write that inserts row {@code n} and returns it. */
  private static GroupCommitWriter.Work<Integer> insert(int n) {
    return c -> {
      try (var ps = c.prepareStatement("INSERT INTO rows (n) VALUES (?)")) {
        ps.setInt(1, n);
        ps.executeUpdate();
      }
      return n;
    };
  }

  /** A write in progress on the writer thread, held until {@link #release()}. */
  private static final class Gate {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch released = new CountDownLatch(1);
    CompletableFuture<Integer> future;

    void release() {
      released.countDown();
    }
  }

  /** Submits a write of row {@code n} that holds the writer thread; returns once it holds it. */
  private static Gate holdWriter(GroupCommitWriter writer, int n) {
    Gate gate = new Gate();
    gate.future =
        writer.submit(
            c -> {
              gate.started.countDown();
              try {
                if (!gate.released.await(20, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the test never released the writer");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
              return insert(n).run(c);
            });
    try {
      assertThat(gate.started.await(10, TimeUnit.SECONDS))
          .as("writer picked up the holder")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return gate;
  }

  /** Submits writes until one is refused (the writer is closing); returns the refused future. */
  private static CompletableFuture<Integer> awaitRefused(GroupCommitWriter writer)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      CompletableFuture<Integer> f = writer.submit(c -> -1);
      if (f.isDone()) {
        return f;
      }
      // Accepted before close() flipped the flag: it commits with the queued ones; try again.
      LockSupport.parkNanos(100_000);
    }
    throw new AssertionError("the writer never started refusing writes");
  }

  private int rowCount() {
    return rows().size();
  }

  private List<Integer> rows() {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT n FROM rows ORDER BY n")) {
      List<Integer> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
      return out;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }
}
