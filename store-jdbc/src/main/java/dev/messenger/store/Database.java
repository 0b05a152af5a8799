package dev.messenger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open database: a pool for reads, the group-commit writer for writes, and the dialect. The
 * schema is migrated by Flyway when it opens. Thread-safe; close it once.
 *
 * <p>The writer's queue is bounded ({@code maxQueuedWrites}, by default {@value
 * GroupCommitWriter#DEFAULT_MAX_QUEUED_WRITES} writes): past it, writes fail at once with {@code
 * unavailable} instead of piling up in memory. 10,000 is about one second of the highest send rate
 * measured on one node (BENCHMARKS.md, ~10,000 msgs/s) and 20 batches of the default {@code
 * max-batch} (512): a queue that full means the database is stalled, not merely busy, and callers
 * are better told at once than after their timeout. Each queued write holds its message, so the
 * bound also caps that memory (10,000 messages of at most a few KiB).
 */
public final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource readers;
  private final GroupCommitWriter writer;
  private volatile OutboxEvents outbox = OutboxEvents.NONE;
  private java.util.concurrent.ScheduledExecutorService checkpoints;

  private Database(Dialect dialect, HikariDataSource readers, GroupCommitWriter writer) {
    this.dialect = dialect;
    this.readers = readers;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the SQLite database {@code messenger.db} under {@code dataDir}: WAL
   * journal, {@code synchronous=FULL} so a committed write survives a crash or power loss.
   *
   * @param maxBatch most writes in one transaction
   * @throws IOException if the directory cannot be created
   */
  public static Database sqlite(Path dataDir, int maxBatch) throws IOException {
    return sqlite(dataDir, maxBatch, GroupCommitWriter.DEFAULT_MAX_QUEUED_WRITES);
  }

  /**
   * Like {@link #sqlite(Path, int)}, with the writer's queue bound.
   *
   * @param maxBatch most writes in one transaction
   * @param maxQueuedWrites most writes waiting for a transaction; more fail with {@code
   *     unavailable}
   * @throws IOException if the directory cannot be created
   */
  public static Database sqlite(Path dataDir, int maxBatch, int maxQueuedWrites)
      throws IOException {
    Files.createDirectories(dataDir);
    String url = "jdbc:sqlite:" + dataDir.resolve("messenger.db").toAbsolutePath();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(false);
    // No checkpoint inside a commit on the writer's thread: a background thread checkpoints.
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl(url);
    migrate(sqlite);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(sqlite);
    hc.setPoolName("sqlite-readers");
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(2);
    hc.setAutoCommit(true);
    HikariDataSource readers = new HikariDataSource(hc);
    GroupCommitWriter writer =
        new GroupCommitWriter("sqlite-writer", sqlite::getConnection, maxBatch, maxQueuedWrites);
    Database db = new Database(Dialect.SQLITE, readers, writer);
    db.startCheckpoints();
    return db;
  }

  /**
   * Opens a PostgreSQL database given by a JDBC URL and migrates its schema.
   *
   * @param maxBatch most writes in one transaction
   */
  public static Database postgres(String url, String user, String password, int maxBatch) {
    return postgres(url, user, password, maxBatch, GroupCommitWriter.DEFAULT_MAX_QUEUED_WRITES);
  }

  /**
   * Like {@link #postgres(String, String, String, int)}, with the writer's queue bound.
   *
   * @param maxBatch most writes in one transaction
   * @param maxQueuedWrites most writes waiting for a transaction; more fail with {@code
   *     unavailable}
   */
  public static Database postgres(
      String url, String user, String password, int maxBatch, int maxQueuedWrites) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setPoolName("postgres");
    hc.setMaximumPoolSize(10);
    hc.setAutoCommit(true);
    HikariDataSource pool = new HikariDataSource(hc);
    migrate(pool);
    GroupCommitWriter writer =
        new GroupCommitWriter(
            "postgres-writer",
            () -> {
              Connection c = pool.getConnection();
              c.setAutoCommit(false);
              return c;
            },
            maxBatch,
            maxQueuedWrites);
    return new Database(Dialect.POSTGRES, pool, writer);
  }

  /**
   * Copies the SQLite WAL into the database file once a second with a PASSIVE checkpoint, which
   * never blocks the writer or readers (the writer's own auto-checkpoint is off).
   */
  private void startCheckpoints() {
    checkpoints =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sqlite-checkpoint");
              t.setDaemon(true);
              return t;
            });
    checkpoints.scheduleWithFixedDelay(
        () -> {
          try (Connection c = readers.getConnection();
              var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
          } catch (SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Database.class).debug("checkpoint failed", e);
          }
        },
        1,
        1,
        java.util.concurrent.TimeUnit.SECONDS);
  }

  private static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  public GroupCommitWriter writer() {
    return writer;
  }

  /** Where the stores record webhook events; {@link OutboxEvents#NONE} unless set. */
  public OutboxEvents outbox() {
    return outbox;
  }

  /** Installs the recorder of webhook events, before the first write. */
  public void outbox(OutboxEvents events) {
    this.outbox = java.util.Objects.requireNonNull(events);
  }

  /** A pooled connection in auto-commit mode, for reads; close it after use. */
  public Connection read() throws SQLException {
    return readers.getConnection();
  }

  /** True if a trivial query answers: the readiness probe. */
  public boolean reachable() {
    try (Connection c = read();
        var st = c.createStatement()) {
      st.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.shutdownNow();
    }
    writer.close();
    readers.close();
  }
}
