package dev.messenger.server.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code backup --data-dir=DIR --to=FILE}: one consistent copy of a node's data dir in one zip
 * file, taken while the node serves traffic. The SQLite store is copied with {@code VACUUM INTO}
 * (one read transaction: a snapshot of every table, whatever tables later schema versions add,
 * including every write acknowledged before the backup started), then the media files ({@code
 * media/}, {@code thumbs/}) and the VAPID key pair ({@code vapid.properties}) are added. Media is
 * content-addressed and stored before its row commits, so every media row of the snapshot finds its
 * file; files uploaded after the snapshot are carried too, unreferenced and harmless.
 *
 * <p>The zip holds {@code messenger.db}, the files under their data-dir paths, {@code
 * manifest.properties} (format, time, schema version, row counts) and {@code SHA256SUMS} (every
 * entry, in {@code sha256sum} format), which {@link Restore} checks. The file is written as {@code
 * FILE.partial}, forced to disk and renamed: a backup that stopped half-way leaves no {@code FILE}.
 * Not thread-safe; one call at a time.
 */
public final class Backup {
  /** The value of {@code format} in {@code manifest.properties}. */
  public static final String FORMAT = "messenger-backup-1";

  static final String DB = "messenger.db";
  static final String MANIFEST = "manifest.properties";
  static final String SUMS = "SHA256SUMS";
  static final String VAPID = "vapid.properties";
  static final List<String> MEDIA_DIRS = List.of("media", "thumbs");

  private Backup() {}

  /** What a backup holds. */
  public record Summary(long messages, long conversations, long users, int files, long bytes) {}

  /**
   * Takes the backup.
   *
   * @throws IOException if the data dir has no store, {@code to} exists, or a file cannot be read
   *     or written; nothing is left at {@code to} then
   */
  public static Summary run(Path dataDir, Path to) throws IOException {
    Path db = dataDir.resolve(DB);
    if (!Files.isRegularFile(db)) {
      throw new IOException("no " + DB + " in " + dataDir + ": not a data dir");
    }
    if (Files.exists(to)) {
      throw new IOException(to + " exists; a backup never overwrites a file");
    }
    Path parent = to.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path snapshot = Files.createTempFile(parent, ".messenger-snapshot", ".db");
    Path partial = parent.resolve(to.getFileName() + ".partial");
    try {
      Files.delete(snapshot);
      Map<String, Long> counts = snapshot(db, snapshot);
      Properties manifest = new Properties();
      manifest.setProperty("format", FORMAT);
      manifest.setProperty("created-at", Instant.now().toString());
      manifest.setProperty("source", dataDir.toAbsolutePath().toString());
      counts.forEach((k, v) -> manifest.setProperty(k, Long.toString(v)));
      int files;
      try (OutputStream out = Files.newOutputStream(partial);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        Sha256Sums sums = new Sha256Sums();
        sums.add(zip, DB, snapshot);
        files = 0;
        for (Path file : dataFiles(dataDir)) {
          try {
            sums.add(zip, dataDir.relativize(file).toString().replace('\\', '/'), file);
            files++;
          } catch (java.nio.file.NoSuchFileException gone) {
            // Deleted after the listing, so after the snapshot: not needed by it.
          }
        }
        manifest.setProperty("files", Integer.toString(files));
        sums.addText(zip, MANIFEST, Sha256Sums.properties(manifest));
        zip.putNextEntry(new ZipEntry(SUMS));
        zip.write(sums.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
      return new Summary(
          counts.getOrDefault("rows.messages", 0L),
          counts.getOrDefault("rows.conversations", 0L),
          counts.getOrDefault("rows.users", 0L),
          files,
          Files.size(to));
    } finally {
      Files.deleteIfExists(snapshot);
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Copies the live store into {@code target} with {@code VACUUM INTO} and checks the copy; returns
   * the schema version and each table's row count ({@code rows.NAME}).
   */
  private static Map<String, Long> snapshot(Path db, Path target) throws IOException {
    try (Connection c = open(db)) {
      try (PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
        st.setString(1, target.toAbsolutePath().toString());
        st.execute();
      }
    } catch (SQLException e) {
      throw new IOException("cannot copy " + db + ": " + e.getMessage(), e);
    }
    try (Connection c = open(target)) {
      return describe(c);
    } catch (SQLException e) {
      throw new IOException("the copy of " + db + " does not read back: " + e.getMessage(), e);
    }
  }

  /** An SQLite connection that waits up to 10 s for a lock; never migrates. */
  static Connection open(Path db) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
    }
    return c;
  }

  /**
   * Checks an SQLite store ({@code PRAGMA integrity_check}) and returns {@code schema-version} and
   * {@code rows.TABLE} for every table.
   *
   * @throws SQLException if the check fails
   */
  static Map<String, Long> describe(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        String result = rs.next() ? rs.getString(1) : "no answer";
        if (!"ok".equals(result)) {
          throw new SQLException("integrity check failed: " + result);
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
        out.put("schema-version", rs.next() ? rs.getLong(1) : 0L);
      }
      for (String table : SqliteSchema.tables(c)) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SqliteSchema.quote(table))) {
          rs.next();
          out.put("rows." + table, rs.getLong(1));
        }
      }
    }
    return out;
  }

  /** The VAPID key pair and every media file, sorted. */
  private static List<Path> dataFiles(Path dataDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(dataDir.resolve(VAPID))) {
      files.add(dataDir.resolve(VAPID));
    }
    for (String dir : MEDIA_DIRS) {
      Path root = dataDir.resolve(dir);
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
              .sorted()
              .forEach(files::add);
        }
      }
    }
    return files;
  }
}
