package dev.messenger.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code steady}: U users in pairs, each pair one direct conversation (both members send), R
 * messages per second in total for D seconds. Reports sent, acknowledged, delivered, lost (must be
 * 0), end-to-end latency and server CPU.
 */
@Command(
    name = "steady",
    mixinStandardHelpOptions = true,
    description = "U users in pairs, R msgs/s in total for D seconds")
final class SteadyCommand extends Scenario {
  @Option(names = "--users", description = "users, an even number (default ${DEFAULT-VALUE})")
  int users = 1000;

  @Option(names = "--rate", description = "messages per second in total (default ${DEFAULT-VALUE})")
  double ratePerSecond = 1000;

  @Option(names = "--duration", description = "sending seconds (default ${DEFAULT-VALUE})")
  double durationSeconds = 20;

  @Option(
      names = "--drain",
      description = "most seconds to wait for outstanding deliveries (default ${DEFAULT-VALUE})")
  double drainSeconds = 10;

  @Override
  Report run(Tools t) throws Exception {
    Pairs.connect(this, t, users);
    Report report =
        new Report("steady")
            .param("users", users)
            .param("ratePerSecond", ratePerSecond)
            .param("durationSeconds", durationSeconds);
    Measurement.run(
        t.fleet(), target.serverPid, ratePerSecond, durationSeconds, drainSeconds, report.row());
    report.summary().put("errors", t.fleet().errors());
    report.summary().put("failed", !report.rows().get(0).get("lost").equals(0L));
    return report;
  }

  /** Registration, direct conversations and connections shared by steady and saturation. */
  static final class Pairs {
    private Pairs() {}

    /** Registers {@code users} users, opens one direct conversation per pair, connects all. */
    static void connect(Scenario s, Tools t, int users) throws Exception {
      if (users < 2 || users % 2 != 0) {
        throw new IllegalArgumentException("--users must be an even number >= 2");
      }
      List<Account> accounts = s.registerUsers(t, users);
      List<String> conversations =
          Bounded.run(
                  users / 2,
                  s.target.registerConcurrency,
                  i -> t.api().openDirect(accounts.get(2 * i), accounts.get(2 * i + 1).userId()))
              .await();
      s.connectAll(t, accounts);
      List<Conn> conns = t.fleet().conns();
      for (int i = 0; i < users; i++) {
        conns.get(i).target(conversations.get(i / 2), 1);
      }
    }
  }
}
