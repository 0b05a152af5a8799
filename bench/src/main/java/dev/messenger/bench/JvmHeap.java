package dev.messenger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap of another JVM: runs {@code jcmd <pid> GC.run} then {@code jcmd <pid> GC.heap_info} and
 * reads the heap's {@code used} figure. RSS alone hides per-connection cost inside heap the JVM
 * already committed; the used heap after a full GC does not.
 */
final class JvmHeap {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private JvmHeap() {}

  /** Heap in use after a full GC, in KiB; -1 if {@code jcmd} is missing or fails. */
  static long usedAfterGcKib(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      jcmd(pid, "GC.run");
      Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    String java = System.getProperty("java.home");
    String exe = java == null ? "jcmd" : java + "/bin/jcmd";
    if (!new java.io.File(exe).canExecute()) {
      exe = "jcmd";
    }
    Process p =
        new ProcessBuilder(exe, Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
