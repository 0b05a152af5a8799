package dev.messenger.bench;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connect-storm}: N registered users (registration not timed) each log in ({@code POST
 * /api/v1/sessions}, a new device) and open a WebSocket until {@code ready}, {@code --concurrency}
 * at a time. Reports login+connect completions per second and the latency of one login+connect.
 */
@Command(
    name = "connect-storm",
    mixinStandardHelpOptions = true,
    description = "N users log in and connect as fast as the node lets them")
final class ConnectStormCommand extends Scenario {
  @Option(names = "--users", description = "users (default ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(
      names = "--concurrency",
      description = "logins + connects in flight at once (default ${DEFAULT-VALUE})")
  int concurrency = 64;

  @Override
  Report run(Tools t) throws Exception {
    List<Account> accounts = registerUsers(t, users);
    Recorder latencyMicros = new Recorder(Ledger.MAX_LATENCY_MICROS, 3);
    AtomicLong failures = new AtomicLong();
    ProcStats server0 = ProcStats.of(target.serverPid);
    long start = System.nanoTime();
    Bounded.run(
            users,
            concurrency,
            i -> {
              long t0 = System.nanoTime();
              Account a = accounts.get(i);
              return t.api()
                  .login(a.username(), a.password())
                  .compose(token -> t.fleet().connect(t.fleet().add(a.withToken(token))))
                  .map(
                      c -> {
                        latencyMicros.recordValue((System.nanoTime() - t0) / 1000);
                        return (Void) null;
                      })
                  .recover(
                      e -> {
                        failures.incrementAndGet();
                        log("login+connect failed: %s", e.getMessage());
                        return Future.succeededFuture();
                      });
            })
        .await();
    double seconds = (System.nanoTime() - start) / 1e9;
    ProcStats server1 = ProcStats.of(target.serverPid);
    Histogram h = latencyMicros.getIntervalHistogram();
    Report report =
        new Report("connect-storm").param("users", users).param("concurrency", concurrency);
    var row = report.row();
    row.put("users", users);
    row.put("failures", failures.get());
    row.put("seconds", Report.round2(seconds));
    row.put("loginsAndConnectsPerSecond", Math.round((users - failures.get()) / seconds));
    Report.putLatencies(row, "loginConnect", h);
    row.put("serverCpuPercent", server1.cpuPercentSince(server0));
    row.put("serverRssMib", IdleCommand.mib(server1));
    report.summary().put("errors", t.fleet().errors());
    report.summary().put("failed", failures.get() > 0);
    return report;
  }
}
