package dev.messenger.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code restore --from=FILE --data-dir=NEWDIR}: makes a new data dir from a {@link Backup} file.
 * It never writes into a data dir that has anything in it (one in use by a node has its {@code
 * messenger.db}): {@code NEWDIR} must not exist or be empty. The zip is unpacked into a sibling
 * directory, every entry is checked against {@code SHA256SUMS} (none missing, none extra, no path
 * outside the directory), the store passes {@code PRAGMA integrity_check} and has the row counts of
 * the manifest, and only then is the directory renamed to {@code NEWDIR}. On any failure nothing is
 * left at {@code NEWDIR}. Not thread-safe; one call at a time.
 */
public final class Restore {
  private Restore() {}

  /** What was restored: the manifest's counts, checked. */
  public record Summary(long messages, long conversations, long users, int files) {}

  /**
   * Restores.
   *
   * @throws IOException if {@code dataDir} has anything in it, the file is not a backup, or a check
   *     fails
   */
  public static Summary run(Path from, Path dataDir) throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new IOException("no backup file " + from);
    }
    if (Files.exists(dataDir) && !isEmptyDir(dataDir)) {
      throw new IOException(
          dataDir
              + (Files.exists(dataDir.resolve(Backup.DB))
                  ? " holds a store (maybe in use by a node)"
                  : " is not empty")
              + "; restore only makes a new data dir, it never overwrites one");
    }
    Path target = dataDir.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path work =
        Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".restoring");
    try {
      Map<String, String> actual = unpack(from, work);
      Path sumsFile = work.resolve(Backup.SUMS);
      if (!Files.isRegularFile(sumsFile) || !Files.isRegularFile(work.resolve(Backup.MANIFEST))) {
        throw new IOException(from + " is not a Messenger backup (no SHA256SUMS or manifest)");
      }
      Map<String, String> expected = Sha256Sums.parse(Files.readString(sumsFile));
      if (!expected.equals(actual)) {
        throw new IOException(from + " is damaged: its entries do not match SHA256SUMS");
      }
      Properties manifest = new Properties();
      try (InputStream in = Files.newInputStream(work.resolve(Backup.MANIFEST))) {
        manifest.load(in);
      }
      if (!Backup.FORMAT.equals(manifest.getProperty("format"))) {
        throw new IOException(from + " has format " + manifest.getProperty("format"));
      }
      Map<String, Long> counts;
      try (Connection c = Backup.open(work.resolve(Backup.DB))) {
        counts = Backup.describe(c);
      } catch (SQLException e) {
        throw new IOException("the store in " + from + " does not check: " + e.getMessage(), e);
      }
      for (var e : counts.entrySet()) {
        String want = manifest.getProperty(e.getKey());
        if (want == null || Long.parseLong(want) != e.getValue()) {
          throw new IOException(from + ": " + e.getKey() + " is " + e.getValue() + ", not " + want);
        }
      }
      Files.delete(sumsFile);
      Files.delete(work.resolve(Backup.MANIFEST));
      if (Files.exists(target)) {
        Files.delete(target); // empty, checked above
      }
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      return new Summary(
          counts.getOrDefault("rows.messages", 0L),
          counts.getOrDefault("rows.conversations", 0L),
          counts.getOrDefault("rows.users", 0L),
          Integer.parseInt(manifest.getProperty("files", "0")));
    } finally {
      deleteTree(work);
    }
  }

  /** Unpacks every entry into {@code dir}; returns each entry's SHA-256 but SHA256SUMS's own. */
  private static Map<String, String> unpack(Path from, Path dir) throws IOException {
    Map<String, String> sums = new HashMap<>();
    Path root = dir.toAbsolutePath().normalize();
    try (ZipInputStream zip =
        new ZipInputStream(Files.newInputStream(from), StandardCharsets.UTF_8)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root) || out.equals(root) || e.isDirectory()) {
          throw new IOException(from + ": entry " + e.getName() + " is not a data file");
        }
        Files.createDirectories(out.getParent());
        Files.copy(zip, out);
        if (!e.getName().equals(Backup.SUMS)) {
          sums.put(e.getName(), Sha256Sums.of(out));
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new IOException(from + " is not a zip file: " + ex.getMessage(), ex);
    }
    return sums;
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
