package dev.messenger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak}: the steady 1:1 load for a long time (default 30 minutes at a moderate rate), in
 * windows; after each window the server's heap after a full GC (KiB, via {@code jcmd}) and its open
 * file descriptors are recorded, so leaks show as growth from the first window to the last. Needs
 * {@code --server-pid}.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = "steady load for a long time; heap after GC and fds per window")
final class SoakCommand extends Scenario {
  @Option(names = "--users", description = "users, an even number (default ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(names = "--rate", description = "messages per second in total (default ${DEFAULT-VALUE})")
  double ratePerSecond = 500;

  @Option(names = "--duration", description = "total sending seconds (default ${DEFAULT-VALUE})")
  double durationSeconds = 1800;

  @Option(names = "--window", description = "seconds per window (default ${DEFAULT-VALUE})")
  double windowSeconds = 300;

  @Override
  Report run(Tools t) throws Exception {
    long pid = target.serverPid;
    if (pid <= 0) {
      throw new IllegalArgumentException("soak needs --server-pid");
    }
    SteadyCommand.Pairs.connect(this, t, users);
    Report report =
        new Report("soak")
            .param("users", users)
            .param("ratePerSecond", ratePerSecond)
            .param("durationSeconds", durationSeconds)
            .param("windowSeconds", windowSeconds);
    long heapStart = JvmHeap.usedAfterGcKib(pid);
    long fdsStart = openFds(pid);
    long lost = 0;
    long windows = Math.max(1, Math.round(durationSeconds / windowSeconds));
    for (long w = 0; w < windows; w++) {
      Map<String, Object> row = report.row();
      Measurement.run(t.fleet(), pid, ratePerSecond, windowSeconds, 10, row);
      row.put("heapAfterGcKib", JvmHeap.usedAfterGcKib(pid));
      row.put("openFds", openFds(pid));
      lost += (Long) row.get("lost");
      log("soak window %d/%d: %s", w + 1, windows, row);
    }
    Map<String, Object> last = report.rows().get(report.rows().size() - 1);
    report.summary().put("heapAfterGcKibStart", heapStart);
    report.summary().put("heapAfterGcKibEnd", last.get("heapAfterGcKib"));
    report.summary().put("openFdsStart", fdsStart);
    report.summary().put("openFdsEnd", last.get("openFds"));
    report.summary().put("lost", lost);
    report.summary().put("failed", lost != 0);
    return report;
  }

  /** Open file descriptors of a process, from {@code /proc/<pid>/fd}; -1 if unreadable. */
  static long openFds(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }
}
