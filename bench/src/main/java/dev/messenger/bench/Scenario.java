package dev.messenger.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;

/**
 * Lifecycle shared by every subcommand: starts a Vert.x instance, an HTTP {@link Api} and a {@link
 * Fleet}, runs the scenario, prints its {@link Report} as markdown, writes the JSON if {@code
 * --out} was given, and closes everything (connections with 1000). Exit code 0, or 1 if the
 * scenario reported {@code failed} in its summary.
 */
abstract class Scenario implements Callable<Integer> {
  @Mixin Target target = new Target();

  /** Vert.x, the HTTP client and the connection fleet of one run. */
  record Tools(Vertx vertx, Api api, Fleet fleet) {}

  /** Runs the scenario; the tools are closed by the caller. */
  abstract Report run(Tools tools) throws Exception;

  @Override
  public final Integer call() throws Exception {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(target.eventLoops)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
    Api api = new Api(vertx, target.host, target.port, target.registerConcurrency);
    Fleet fleet = new Fleet(vertx, target.host, target.port, target.eventLoops);
    try {
      Report report = run(new Tools(vertx, api, fleet));
      System.out.println(report.markdown());
      if (target.out != null) {
        report.write(target.out);
        System.out.println("wrote " + target.out);
      }
      return Boolean.TRUE.equals(report.summary().get("failed")) ? 1 : 0;
    } finally {
      fleet.close();
      api.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Registers {@code count} fresh users with this run's prefix, printing progress. */
  List<Account> registerUsers(Tools t, int count) throws Exception {
    String prefix = Users.newPrefix();
    long start = System.nanoTime();
    List<Account> accounts =
        Users.register(t.api(), prefix, count, target.registerConcurrency).await();
    log("registered %d users (%s_*) in %.1f s", count, prefix, (System.nanoTime() - start) / 1e9);
    return accounts;
  }

  /** Connects one WebSocket per account, printing progress; answers the connect seconds. */
  double connectAll(Tools t, List<Account> accounts) throws Exception {
    long start = System.nanoTime();
    t.fleet().connect(accounts, target.connectConcurrency).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    log("connected %d WebSockets in %.1f s", accounts.size(), seconds);
    return seconds;
  }

  static void log(String format, Object... args) {
    System.err.printf("[bench] " + format + "%n", args);
  }
}
