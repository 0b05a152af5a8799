package dev.messenger.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code idle}: N authenticated connections that only ping. Reports the connect rate (upgrade to
 * {@code ready}) and the server's RSS per connection: (RSS after connecting and settling minus RSS
 * before connecting) / N. RSS includes JVM heap growth, so the figure is an upper bound that
 * depends on the node's -Xmx and GC timing; it can also be near 0 when the heap grown during
 * registration absorbs the connections. Both RSS readings follow a full GC (G1 may uncommit heap
 * then). So the used heap after a full GC ({@link JvmHeap}, needs {@code jcmd}) is reported as
 * well: (after - before) / N.
 */
@Command(
    name = "idle",
    mixinStandardHelpOptions = true,
    description = "N idle authenticated connections: RSS per connection, connect rate")
final class IdleCommand extends Scenario {
  @Option(names = "--connections", description = "connections (default ${DEFAULT-VALUE})")
  int connections = 2000;

  @Option(
      names = "--settle",
      description =
          "seconds to wait after connecting before reading RSS (default ${DEFAULT-VALUE})")
  double settleSeconds = 5;

  @Override
  Report run(Tools t) throws Exception {
    List<Account> accounts = registerUsers(t, connections);
    long heapBefore = JvmHeap.usedAfterGcKib(target.serverPid);
    ProcStats before = ProcStats.of(target.serverPid);
    double connectSeconds = connectAll(t, accounts);
    Thread.sleep((long) (settleSeconds * 1000));
    long heapAfter = JvmHeap.usedAfterGcKib(target.serverPid);
    ProcStats after = ProcStats.of(target.serverPid);
    long open = t.fleet().conns().stream().filter(Conn::isOpen).count();
    Report report =
        new Report("idle").param("connections", connections).param("settleSeconds", settleSeconds);
    var row = report.row();
    row.put("connections", connections);
    row.put("openAfterSettle", open);
    row.put("connectSeconds", Report.round2(connectSeconds));
    row.put("connectsPerSecond", Math.round(connections / connectSeconds));
    row.put("serverRssBeforeMib", mib(before));
    row.put("serverRssAfterMib", mib(after));
    row.put(
        "serverRssPerConnectionKib",
        before.present() && after.present()
            ? Report.round2((after.residentKib() - before.residentKib()) / (double) connections)
            : -1);
    row.put(
        "serverHeapPerConnectionKib",
        heapBefore >= 0 && heapAfter >= 0
            ? Report.round2((heapAfter - heapBefore) / (double) connections)
            : -1);
    row.put("unexpectedCloses", t.fleet().unexpectedCloses());
    report.summary().put("errors", t.fleet().errors());
    report.summary().put("failed", open != connections);
    return report;
  }

  static double mib(ProcStats s) {
    return s.present() ? Report.round2(s.residentKib() / 1024.0) : -1;
  }
}
