package dev.messenger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from Linux {@code /proc}. A snapshot of a process
 * that is gone, or of no process ({@code pid <= 0}), is {@link #NONE}.
 *
 * @param residentKib {@code VmRSS} of {@code /proc/<pid>/status}, in KiB
 * @param cpuTicks user plus system time of {@code /proc/<pid>/stat}, in clock ticks ({@link
 *     #TICKS_PER_SECOND})
 * @param wallNanos {@link System#nanoTime()} when the snapshot was taken
 */
public record ProcStats(long residentKib, long cpuTicks, long wallNanos) {
  /** {@code USER_HZ}: 100 on every Linux architecture Java runs on. */
  public static final int TICKS_PER_SECOND = 100;

  /** No data (no pid given, or the process is gone). */
  public static final ProcStats NONE = new ProcStats(-1, -1, 0);

  /** Snapshot of {@code pid}; {@code "self"} style lookups use {@link #self()}. */
  public static ProcStats of(long pid) {
    if (pid <= 0) {
      return NONE;
    }
    return read(Path.of("/proc", Long.toString(pid)));
  }

  /** Snapshot of this JVM (the load generator). */
  public static ProcStats self() {
    return read(Path.of("/proc/self"));
  }

  private static ProcStats read(Path dir) {
    try {
      long rss = -1;
      for (String line : Files.readAllLines(dir.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
      String stat = Files.readString(dir.resolve("stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); utime is field 14, stime field 15.
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return new ProcStats(rss, ticks, System.nanoTime());
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /** Whether this snapshot holds data. */
  public boolean present() {
    return residentKib >= 0;
  }

  /**
   * CPU used between {@code earlier} and this snapshot, in percent of one core (200 means two cores
   * busy); -1 when either snapshot has no data.
   */
  public double cpuPercentSince(ProcStats earlier) {
    if (!present() || !earlier.present() || wallNanos <= earlier.wallNanos) {
      return -1;
    }
    double cpuSeconds = (cpuTicks - earlier.cpuTicks) / (double) TICKS_PER_SECOND;
    double wallSeconds = (wallNanos - earlier.wallNanos) / 1e9;
    return Math.round(cpuSeconds / wallSeconds * 1000) / 10.0;
  }
}
