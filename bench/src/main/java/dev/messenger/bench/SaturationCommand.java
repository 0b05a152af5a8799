package dev.messenger.bench;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code saturation}: the {@code steady} setup, then short steps at rising total rates until a step
 * fails: p99 above {@code --max-p99-ms}, a lost delivery, or acknowledged msgs/s more than 10%
 * short of the offered rate. Reports every step and the highest delivered msgs/s of a passing step.
 */
@Command(
    name = "saturation",
    mixinStandardHelpOptions = true,
    description = "steady at rising rates until p99, loss or throughput gives out")
final class SaturationCommand extends Scenario {
  @Option(names = "--users", description = "users, an even number (default ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(
      names = "--rates",
      split = ",",
      description = "total msgs/s per step, rising (default ${DEFAULT-VALUE})")
  List<Double> ratesPerSecond = List.of(1000.0, 2000.0, 5000.0, 10000.0, 20000.0, 30000.0, 40000.0);

  @Option(names = "--step", description = "sending seconds per step (default ${DEFAULT-VALUE})")
  double stepSeconds = 5;

  @Option(
      names = "--drain",
      description = "most seconds of drain per step (default ${DEFAULT-VALUE})")
  double drainSeconds = 10;

  @Option(names = "--max-p99-ms", description = "p99 limit in ms (default ${DEFAULT-VALUE})")
  double maxP99Millis = 100;

  @Option(
      names = "--warmup",
      description =
          "seconds at the first rate before the steps, reported but not judged, so the first"
              + " messages of fresh conversations do not decide the result (default ${DEFAULT-VALUE})")
  double warmupSeconds = 3;

  /** Largest shortfall of acknowledged against offered msgs/s for a step to pass. */
  static final double MAX_SHORTFALL = 0.10;

  @Override
  Report run(Tools t) throws Exception {
    SteadyCommand.Pairs.connect(this, t, users);
    Report report =
        new Report("saturation")
            .param("users", users)
            .param("ratesPerSecond", ratesPerSecond)
            .param("stepSeconds", stepSeconds)
            .param("maxP99Ms", maxP99Millis);
    if (warmupSeconds > 0) {
      Map<String, Object> warm = report.row();
      warm.put("step", "warmup");
      Measurement.run(
          t.fleet(), target.serverPid, ratesPerSecond.get(0), warmupSeconds, drainSeconds, warm);
      log("warmup: lost %s", warm.get("lost"));
    }
    long best = 0;
    double bestRate = 0;
    String stoppedBy = "no step failed";
    for (double rate : ratesPerSecond) {
      Map<String, Object> row = report.row();
      row.put("step", "measured");
      Measurement.run(t.fleet(), target.serverPid, rate, stepSeconds, drainSeconds, row);
      String failure = failure(row, rate);
      row.put("pass", failure == null);
      log("step %.0f msgs/s: %s", rate, failure == null ? "pass" : failure);
      if (failure != null) {
        stoppedBy = rate + " msgs/s: " + failure;
        break;
      }
      long delivered = (Long) row.get("deliveredPerSecond");
      if (delivered > best) {
        best = delivered;
        bestRate = rate;
      }
    }
    report.summary().put("maxDeliveredPerSecond", best);
    report.summary().put("atOfferedPerSecond", bestRate);
    report.summary().put("stoppedBy", stoppedBy);
    report.summary().put("errors", t.fleet().errors());
    return report;
  }

  /** Why a step failed, or null if it passed. */
  private String failure(Map<String, Object> row, double rate) {
    if ((Long) row.get("lost") > 0) {
      return "lost " + row.get("lost");
    }
    double p99 = (Double) row.get("latencyP99Ms");
    if (p99 > maxP99Millis) {
      return "p99 " + p99 + " ms > " + maxP99Millis;
    }
    long acked = (Long) row.get("acknowledgedPerSecond");
    if (acked < rate * (1 - MAX_SHORTFALL)) {
      return "acknowledged " + acked + "/s < 90% of " + Math.round(rate);
    }
    return null;
  }
}
