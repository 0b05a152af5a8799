package dev.messenger.server.ops;

import dev.messenger.core.media.MediaStore;
import dev.messenger.server.media.S3MediaStore;
import dev.messenger.server.settings.MediaStoreKind;
import dev.messenger.server.settings.Settings;
import dev.messenger.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code migrate --data-dir=DIR --postgres-url=URL [--postgres-user=U] [--postgres-password=P]
 * [--media-store=s3 --s3-...]}: copies an embedded store to PostgreSQL so that a node started with
 * {@code --store=postgres} on it serves the same accounts (passwords and tokens keep working: their
 * hashes are copied), conversations, history and cursors.
 *
 * <p>Steps: the SQLite store is brought to the current schema version (as a node start would), the
 * PostgreSQL schema is made by the same migrations, and the versions must agree. Every data table
 * that SQLite's catalog lists is copied ({@link TableCopy}): tables added by later schema versions
 * are carried without changing this class. All reads share one SQLite read transaction, a
 * consistent snapshot; stop the node first, or writes after the snapshot are not carried (the
 * checks then fail on a resumed run). Then it verifies every table's row count and content checksum
 * and every conversation's {@code last_seq} on both sides, and sets PostgreSQL sequences (if a
 * table has one) past the copied ids. With {@code media-store=s3} the files under {@code media/}
 * and {@code thumbs/} are copied to the bucket too (each skipped if already there with its size).
 *
 * <p>Resumable: after each committed batch the table's last copied rowid goes to {@code
 * DIR/migrate-progress.properties}; run the same command again after an interruption and it goes on
 * from there (a batch repeated is a no-op: {@code ON CONFLICT DO NOTHING}). A first run refuses a
 * target that already has rows. The progress file is deleted when every check passed. Not
 * thread-safe; one run at a time per data dir.
 */
public final class Migrate {
  static final String PROGRESS = "migrate-progress.properties";

  private final Settings settings;
  private final PrintStream out;
  private final Path dataDir;
  private final Path progressFile;
  private final Properties progress = new Properties();

  /**
   * @param out where progress lines go (one per committed batch)
   */
  public Migrate(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.dataDir = settings.node().dataDir();
    this.progressFile = dataDir.resolve(PROGRESS);
  }

  /** What was copied and checked. */
  public record Summary(int tables, long rows, int conversations, int mediaCopied) {}

  /**
   * Runs (or resumes) the migration.
   *
   * @throws Exception with a message saying what failed; the progress so far is kept
   */
  public Summary run() throws Exception {
    if (!Files.isRegularFile(dataDir.resolve(Backup.DB))) {
      throw new IOException("no " + Backup.DB + " in " + dataDir + ": not a data dir");
    }
    var store = settings.store();
    // Both sides at this build's schema version (Flyway), as a node start would leave them.
    Database.sqlite(dataDir, 1).close();
    Database.postgres(
            store.postgresUrl(), store.postgresUser(), store.postgresPassword().reveal(), 1)
        .close();
    boolean resuming = loadProgress(store.postgresUrl());
    Properties p = new Properties();
    p.setProperty("user", store.postgresUser());
    p.setProperty("password", store.postgresPassword().reveal());
    p.setProperty("reWriteBatchedInserts", "true");
    p.setProperty("ApplicationName", "messenger-migrate");
    try (Connection sqlite = Backup.open(dataDir.resolve(Backup.DB));
        Connection pg = DriverManager.getConnection(store.postgresUrl(), p)) {
      sqlite.setAutoCommit(false); // one read transaction: a consistent snapshot
      pg.setAutoCommit(false);
      checkVersions(sqlite, pg);
      List<String> tables = SqliteSchema.tables(sqlite);
      Map<String, TableCopy> copies = new HashMap<>();
      for (String t : tables) {
        copies.put(t, new TableCopy(sqlite, pg, t));
      }
      if (!resuming) {
        requireEmpty(pg, tables);
      }
      progress.setProperty("target", store.postgresUrl());
      saveProgress();
      long rows = 0;
      for (String t : tables) {
        rows += copyTable(sqlite, pg, t, copies.get(t));
      }
      for (String t : tables) {
        TableCopy.Check a = copies.get(t).sqliteCheck(sqlite);
        TableCopy.Check b = copies.get(t).postgresCheck(pg);
        if (!a.equals(b)) {
          throw new IllegalStateException(
              t
                  + " differs: sqlite "
                  + a
                  + ", postgres "
                  + b
                  + " (did the node write during the migration? stop it and run again)");
        }
        out.println("migrate: " + t + ": " + a.rows() + " rows, checksum " + a.checksum() + " ok");
      }
      int conversations = checkLastSeq(sqlite, pg);
      bumpSequences(pg, tables);
      pg.commit();
      sqlite.rollback();
      int media = copyMedia();
      Files.deleteIfExists(progressFile);
      return new Summary(tables.size(), rows, conversations, media);
    }
  }

  private long copyTable(Connection sqlite, Connection pg, String table, TableCopy copy)
      throws Exception {
    String key = "rowid." + table;
    long after = Long.parseLong(progress.getProperty(key, "0"));
    if (after > 0) {
      out.println("migrate: " + table + ": resuming after rowid " + after);
    }
    long rows =
        copy.copy(
            sqlite,
            pg,
            after,
            (lastRowid, n) -> {
              progress.setProperty(key, Long.toString(lastRowid));
              saveProgress();
              out.println("migrate: " + table + ": " + n + " rows copied");
            });
    return rows;
  }

  /** True if a progress file for this target exists (a resumed run). */
  private boolean loadProgress(String target) throws IOException {
    if (!Files.isRegularFile(progressFile)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(progressFile)) {
      progress.load(in);
    }
    if (target.equals(progress.getProperty("target"))) {
      out.println("migrate: resuming an interrupted run into " + target);
      return true;
    }
    progress.clear(); // an earlier run into another database: start over for this one
    return false;
  }

  private void saveProgress() throws IOException {
    Path tmp = progressFile.resolveSibling(PROGRESS + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      progress.store(o, "messenger migrate: last rowid copied per table");
    }
    Files.move(
        tmp, progressFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void checkVersions(Connection sqlite, Connection pg) throws SQLException {
    String q = "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success";
    long a = single(sqlite, q);
    long b = single(pg, q);
    if (a != b) {
      throw new SQLException("schema versions differ: sqlite " + a + ", postgres " + b);
    }
  }

  private static void requireEmpty(Connection pg, List<String> tables) throws SQLException {
    for (String t : tables) {
      if (single(pg, "SELECT count(*) FROM " + SqliteSchema.quote(t)) > 0) {
        throw new SQLException(
            "the target database already has rows in "
                + t
                + "; migrate fills an empty database (or resumes its own interrupted run)");
      }
    }
    pg.commit();
  }

  /** Every conversation's last_seq equal on both sides, and no message beyond it. */
  private static int checkLastSeq(Connection sqlite, Connection pg) throws SQLException {
    String q =
        "SELECT c.id, c.last_seq, (SELECT coalesce(max(m.seq), 0) FROM messages m"
            + " WHERE m.conversation_id = c.id) FROM conversations c";
    Map<String, long[]> a = lastSeqs(sqlite, q);
    Map<String, long[]> b = lastSeqs(pg, q);
    for (var e : a.entrySet()) {
      long[] there = b.get(e.getKey());
      if (there == null || there[0] != e.getValue()[0] || there[1] != e.getValue()[1]) {
        throw new IllegalStateException("conversation " + e.getKey() + ": lastSeq differs");
      }
      if (e.getValue()[1] > e.getValue()[0]) {
        throw new IllegalStateException("conversation " + e.getKey() + ": messages past lastSeq");
      }
    }
    if (a.size() != b.size()) {
      throw new IllegalStateException("conversation counts differ: " + a.size() + ", " + b.size());
    }
    return a.size();
  }

  private static Map<String, long[]> lastSeqs(Connection c, String q) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(q)) {
      while (rs.next()) {
        out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return out;
  }

  /** Moves any PostgreSQL sequence owned by a copied column past the largest copied value. */
  private static void bumpSequences(Connection pg, List<String> tables) throws SQLException {
    try (PreparedStatement st =
        pg.prepareStatement(
            "SELECT column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)"
                + " FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ?")) {
      for (String t : tables) {
        st.setString(1, t);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            if (rs.getString(2) != null) {
              String col = SqliteSchema.quote(rs.getString(1));
              try (Statement set = pg.createStatement()) {
                set.execute(
                    "SELECT setval('"
                        + rs.getString(2).replace("'", "''")
                        + "', greatest(1,"
                        + " (SELECT coalesce(max("
                        + col
                        + "), 0) FROM "
                        + SqliteSchema.quote(t)
                        + ")))");
              }
            }
          }
        }
      }
    }
  }

  /** With {@code media-store=s3}: copies media/ and thumbs/ to the bucket; returns objects put. */
  private int copyMedia() throws IOException {
    if (settings.media().store() != MediaStoreKind.S3) {
      return 0;
    }
    int copied = 0;
    try (S3MediaStore s3 = S3MediaStore.open(settings.media())) {
      for (String dir : Backup.MEDIA_DIRS) {
        Path root = dataDir.resolve(dir);
        if (!Files.isDirectory(root)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          String key = dataDir.relativize(f).toString().replace('\\', '/');
          if (key.endsWith(".tmp")) {
            continue;
          }
          copied += putIfMissing(s3, key, f) ? 1 : 0;
        }
      }
    }
    out.println("migrate: " + copied + " media objects copied to S3");
    return copied;
  }

  private static boolean putIfMissing(MediaStore store, String key, Path file) throws IOException {
    if (store.exists(key) && store.size(key) == Files.size(file)) {
      return false;
    }
    Path tmp = Files.createTempFile("messenger-migrate", ".bin");
    try {
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
      store.put(key, tmp); // may move tmp: never the original
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static long single(Connection c, String q) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(q)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
