package dev.messenger.bench;

import dev.messenger.bench.MixLedger.Op;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mix}: U users in pairs as in {@code steady}, R operations per second in total for D
 * seconds, each drawn from a mix of sends and updates of recent messages (PROTOCOL.md section 4;
 * default 80% sends, 10% reactions, 5% edits, 5% deletes; see {@link MixDriver}). Reports per kind
 * of operation: how many, answered per second, the answer's latency ({@code sent} or {@code
 * updated}) and the peer's delivery latency, p50/p99; no-ops, refusals and lost deliveries (must be
 * 0); and the node's CPU per operation. With {@code --reactions=0 --edits=0 --deletes=0} it is the
 * plain-send baseline at the same rate, through the same code.
 */
@Command(
    name = "mix",
    mixinStandardHelpOptions = true,
    description = "U users in pairs, R ops/s of sends, reactions, edits and deletes for D seconds")
final class MixCommand extends Scenario {
  @Option(names = "--users", description = "users, an even number (default ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(
      names = "--rate",
      description = "operations per second in total (default ${DEFAULT-VALUE})")
  double ratePerSecond = 1000;

  @Option(names = "--duration", description = "seconds of load (default ${DEFAULT-VALUE})")
  double durationSeconds = 20;

  @Option(names = "--drain", description = "most seconds of drain (default ${DEFAULT-VALUE})")
  double drainSeconds = 10;

  @Option(names = "--sends", description = "weight of sends, % (default ${DEFAULT-VALUE})")
  int sends = 80;

  @Option(names = "--reactions", description = "weight of reactions, % (default ${DEFAULT-VALUE})")
  int reactions = 10;

  @Option(names = "--edits", description = "weight of edits, % (default ${DEFAULT-VALUE})")
  int edits = 5;

  @Option(names = "--deletes", description = "weight of deletes, % (default ${DEFAULT-VALUE})")
  int deletes = 5;

  @Override
  Report run(Tools t) throws Exception {
    MixDriver.Weights weights = new MixDriver.Weights(sends, reactions, edits, deletes);
    SteadyCommand.Pairs.connect(this, t, users);
    MixLedger ledger = new MixLedger();
    Map<Conn, MixDriver> drivers = new HashMap<>();
    for (Conn c : t.fleet().conns()) {
      MixDriver d = new MixDriver(c, weights, ledger);
      drivers.put(c, d);
      c.context.runOnContext(v -> c.onFrames(d::onFrame));
    }
    Report report =
        new Report("mix")
            .param("users", users)
            .param("ratePerSecond", ratePerSecond)
            .param("durationSeconds", durationSeconds)
            .param("weights", weights.toString());

    ProcStats server0 = ProcStats.of(target.serverPid);
    ProcStats self0 = ProcStats.self();
    long start = System.nanoTime();
    t.fleet()
        .drive(ratePerSecond, durationSeconds, c -> drivers.get(c).next())
        .await((long) (durationSeconds * 1000) + 60_000, TimeUnit.MILLISECONDS);
    double window = (System.nanoTime() - start) / 1e9;
    Map<Op, Long> answeredInWindow = new HashMap<>();
    for (Op op : Op.values()) {
      answeredInWindow.put(op, ledger.stats(op).answered.sum());
    }
    ProcStats server1 = ProcStats.of(target.serverPid);
    ProcStats self1 = ProcStats.self();
    long drainUntil = System.nanoTime() + (long) (drainSeconds * 1e9);
    while (ledger.openCount() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(Measurement.DRAIN_POLL_MILLIS);
    }

    long lost = 0;
    long answeredTotal = 0;
    Histogram allAnswers = new Histogram(Ledger.MAX_LATENCY_MICROS, 3);
    for (Op op : Op.values()) {
      MixLedger.Stats s = ledger.stats(op);
      Histogram answers = s.answerMicros.getIntervalHistogram();
      allAnswers.add(answers);
      Map<String, Object> row = report.row();
      row.put("op", op.label());
      row.put("written", s.written.sum());
      row.put("answered", s.answered.sum());
      row.put("answeredPerSecond", Math.round(answeredInWindow.get(op) / window));
      Report.putLatencies(row, "answer", answers);
      row.put("delivered", s.delivered.sum());
      Report.putLatencies(row, "delivery", s.deliveryMicros.getIntervalHistogram());
      row.put("noops", s.noops.sum());
      row.put("rejected", s.rejected.sum());
      row.put("unanswered", ledger.unanswered(op));
      row.put("lost", ledger.lost(op));
      lost += ledger.lost(op);
      answeredTotal += answeredInWindow.get(op);
    }
    double serverCpu = server1.cpuPercentSince(server0);
    Map<String, Object> sum = report.summary();
    sum.put("windowSeconds", Report.round2(window));
    sum.put("answeredPerSecond", Math.round(answeredTotal / window));
    sum.put("answerP50Ms", Report.ms(allAnswers, 50));
    sum.put("answerP99Ms", Report.ms(allAnswers, 99));
    sum.put("serverCpuPercent", serverCpu);
    sum.put(
        "serverCpuMicrosPerOp",
        answeredTotal == 0 ? 0 : Report.round2(serverCpu / 100 * window * 1e6 / answeredTotal));
    sum.put("benchCpuPercent", self1.cpuPercentSince(self0));
    sum.put("serverRssMib", server1.present() ? Report.round2(server1.residentKib() / 1024.0) : -1);
    sum.put("errors", ledger.errors());
    sum.put("unexpectedDeliveries", ledger.unexpected());
    sum.put("unexpectedCloses", t.fleet().unexpectedCloses());
    sum.put("failed", lost != 0);
    return report;
  }
}
