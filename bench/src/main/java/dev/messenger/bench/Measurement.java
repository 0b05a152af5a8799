package dev.messenger.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One paced measurement on an already connected {@link Fleet}: a fresh {@link Ledger}, {@link
 * Fleet#drive} at the given rate, then a drain until every acknowledged message was delivered (or
 * {@code drainSeconds} passed), and a row of figures. Server CPU is measured over the sending
 * window only.
 */
final class Measurement {
  private Measurement() {}

  /** How often the drain checks for open messages, in ms. */
  static final long DRAIN_POLL_MILLIS = 20;

  /**
   * Runs one measurement and fills {@code row} with: offered rate, sent, acknowledged, delivered,
   * lost (acknowledged deliveries that never came), unacknowledged, rejected, rates per second,
   * latency p50/p99/p99.9/max in ms, server and bench CPU in % of one core, server RSS in MiB.
   */
  static void run(
      Fleet fleet,
      long serverPid,
      double ratePerSecond,
      double durationSeconds,
      double drainSeconds,
      Map<String, Object> row)
      throws Exception {
    long closesBefore = fleet.unexpectedCloses();
    Ledger ledger = fleet.newLedger();
    ProcStats server0 = ProcStats.of(serverPid);
    ProcStats self0 = ProcStats.self();
    long start = System.nanoTime();
    fleet
        .drive(ratePerSecond, durationSeconds)
        .await((long) (durationSeconds * 1000) + 60_000, TimeUnit.MILLISECONDS);
    double windowSeconds = (System.nanoTime() - start) / 1e9;
    long ackedInWindow = ledger.acknowledged();
    long deliveredInWindow = ledger.delivered();
    ProcStats server1 = ProcStats.of(serverPid);
    ProcStats self1 = ProcStats.self();
    long drainUntil = System.nanoTime() + (long) (drainSeconds * 1e9);
    while (ledger.openCount() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(DRAIN_POLL_MILLIS);
    }
    Histogram latency = ledger.takeLatencyMicros();
    row.put("offeredPerSecond", Math.round(ratePerSecond));
    row.put("durationSeconds", Report.round2(windowSeconds));
    row.put("sent", ledger.sent());
    row.put("acknowledged", ledger.acknowledged());
    row.put("delivered", ledger.delivered());
    row.put("lost", ledger.lostDeliveries());
    row.put("unacknowledged", ledger.unacknowledged());
    row.put("rejected", ledger.rejected());
    row.put("acknowledgedPerSecond", Math.round(ackedInWindow / windowSeconds));
    row.put("deliveredPerSecond", Math.round(deliveredInWindow / windowSeconds));
    Report.putLatencies(row, "latency", latency);
    Report.putLatencies(row, "allDelivered", ledger.takeAllDeliveredMicros());
    row.put("serverCpuPercent", server1.cpuPercentSince(server0));
    row.put("benchCpuPercent", self1.cpuPercentSince(self0));
    row.put("serverRssMib", server1.present() ? Report.round2(server1.residentKib() / 1024.0) : -1);
    row.put("echoedToSender", ledger.echoes());
    for (String lost : ledger.lostSamples(5)) {
      String conversationId = lost.split(" ")[1];
      Scenario.log(
          "lost: clientId conversation seq = %s; receivers: %s",
          lost, fleet.firstSeqsOf(conversationId));
    }
    row.put("unexpectedFrames", ledger.unexpected());
    row.put("unexpectedCloses", fleet.unexpectedCloses() - closesBefore);
  }
}
