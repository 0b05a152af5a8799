package dev.messenger.bench;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: G groups of M members (creator included), every member connected; K messages per
 * second into each group, sent round robin by its members. Every message should reach the M - 1
 * other members. Reports deliveries per second, latency per delivery and lost deliveries.
 */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    description = "G groups of M members, K msgs/s into each group")
final class FanoutCommand extends Scenario {
  @Option(names = "--groups", description = "groups (default ${DEFAULT-VALUE})")
  int groups = 1;

  @Option(names = "--members", description = "members per group (default ${DEFAULT-VALUE})")
  int members = 200;

  @Option(
      names = "--rate-per-group",
      description = "messages per second into each group (default ${DEFAULT-VALUE})")
  double ratePerGroupPerSecond = 10;

  @Option(names = "--duration", description = "sending seconds (default ${DEFAULT-VALUE})")
  double durationSeconds = 20;

  @Option(names = "--drain", description = "most seconds of drain (default ${DEFAULT-VALUE})")
  double drainSeconds = 10;

  @Override
  Report run(Tools t) throws Exception {
    if (members < 2 || groups < 1) {
      throw new IllegalArgumentException("--members must be >= 2 and --groups >= 1");
    }
    List<Account> accounts = registerUsers(t, groups * members);
    List<String> groupIds =
        Bounded.run(
                groups,
                4,
                g -> {
                  List<Account> in = accounts.subList(g * members, (g + 1) * members);
                  List<String> others = new ArrayList<>();
                  in.subList(1, in.size()).forEach(a -> others.add(a.userId()));
                  return t.api().createGroup(in.get(0), "bench group " + g, others);
                })
            .await();
    connectAll(t, accounts);
    List<Conn> conns = t.fleet().conns();
    for (int i = 0; i < conns.size(); i++) {
      conns.get(i).target(groupIds.get(i / members), members - 1);
    }
    Report report =
        new Report("fanout")
            .param("groups", groups)
            .param("members", members)
            .param("ratePerGroupPerSecond", ratePerGroupPerSecond)
            .param("durationSeconds", durationSeconds);
    var row = report.row();
    Measurement.run(
        t.fleet(),
        target.serverPid,
        ratePerGroupPerSecond * groups,
        durationSeconds,
        drainSeconds,
        row);
    row.put(
        "expectedDeliveriesPerSecond", Math.round(ratePerGroupPerSecond * groups * (members - 1)));
    report.summary().put("errors", t.fleet().errors());
    report.summary().put("failed", !row.get("lost").equals(0L));
    return report;
  }
}
