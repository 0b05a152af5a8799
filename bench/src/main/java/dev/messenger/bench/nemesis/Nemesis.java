package dev.messenger.bench.nemesis;

import dev.messenger.bench.NatsServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nemesis scenario: {@code nodes} Messenger nodes (own JVMs) on PostgreSQL and a private NATS,
 * each node reaching NATS through a {@link NatsProxy}; {@link NemesisClients} send with idempotent
 * retries while faults run on a schedule, one at a time, round robin over the nodes: {@code kill
 * -9} and restart of a node, {@code SIGSTOP}/{@code SIGCONT} of a node (held past 3 heartbeats, so
 * the others take it for dead), NATS killed and restarted, PostgreSQL crashed and restarted (when
 * the scenario runs its own), and a node cut off from NATS while its clients still reach it (it
 * must answer not ready meanwhile). Then every fault is healed and {@link NemesisChecker} reads
 * every history through the API. Not thread-safe: one run at a time per instance.
 */
public final class Nemesis {

  /**
   * @param postgresUrl a JDBC URL to use instead of starting a private PostgreSQL (then PostgreSQL
   *     is not restarted), or null
   * @param classpath the server's classpath (its shaded jar)
   * @param dir where node logs and data go
   */
  public record Config(
      int nodes,
      int pairs,
      int groups,
      double sendsPerSecond,
      Duration duration,
      Duration faultGap,
      String postgresUrl,
      String classpath,
      Path dir,
      Duration heartbeat) {}

  /** What happened: faults by kind, the clients' counts, and every breach found. */
  public record Result(
      double seconds,
      Map<String, Integer> faults,
      List<String> faultLog,
      long sends,
      long acked,
      long retries,
      long gaveUp,
      long reconnects,
      long ordered,
      List<String> violations,
      List<String> breaches,
      boolean cutOffNodeWasNotReady) {

    public boolean passed() {
      return violations.isEmpty() && breaches.isEmpty() && gaveUp == 0 && cutOffNodeWasNotReady;
    }

    /** A markdown summary. */
    public String markdown() {
      StringBuilder sb = new StringBuilder("### nemesis\n\n");
      sb.append("| seconds | faults | sends | acknowledged | retries | gave up | reconnects |")
          .append(" live messages checked | order violations | history breaches |")
          .append(" cut-off node not ready |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      sb.append(
          String.format(
              "| %.0f | %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n",
              seconds,
              faults,
              sends,
              acked,
              retries,
              gaveUp,
              reconnects,
              ordered,
              violations.size(),
              breaches.size(),
              cutOffNodeWasNotReady));
      sb.append("\nfaults:\n");
      faultLog.forEach(f -> sb.append("- ").append(f).append('\n'));
      violations.stream().limit(20).forEach(v -> sb.append("- violation: ").append(v).append('\n'));
      breaches.stream().limit(20).forEach(b -> sb.append("- breach: ").append(b).append('\n'));
      return sb.toString();
    }
  }

  private final Config config;
  private final Map<String, Integer> faults = new LinkedHashMap<>();
  private final List<String> faultLog = new ArrayList<>();
  private boolean cutOffNotReady = true;

  public Nemesis(Config config) {
    this.config = config;
  }

  public Result run() throws Exception {
    long start = System.nanoTime();
    List<NatsProxy> proxies = new ArrayList<>();
    List<NodeProcess> nodes = new ArrayList<>();
    PostgresInstance pg = null;
    try (NatsServer nats = new NatsServer()) {
      String pgUrl = config.postgresUrl();
      if (pgUrl == null) {
        pg = new PostgresInstance();
        pgUrl = pg.jdbcUrl();
      }
      List<URI> uris = new ArrayList<>();
      for (int i = 0; i < config.nodes(); i++) {
        NatsProxy proxy = new NatsProxy(nats.port());
        proxies.add(proxy);
        NodeProcess node =
            new NodeProcess(
                "n" + i, freePort(), config.classpath(), config.dir(), settings(pgUrl, proxy));
        nodes.add(node);
        uris.add(node.uri());
      }
      startAll(nodes);
      NemesisClients clients = new NemesisClients(uris);
      clients.setUp(
          "nm" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_",
          config.pairs(),
          config.groups());
      clients.start(config.sendsPerSecond());
      long end = System.nanoTime() + config.duration().toNanos();
      int round = 0;
      // The quick faults first, so that a short run sees every kind.
      List<String> kinds = new ArrayList<>(List.of("stop", "nats", "cut"));
      if (pg != null) {
        kinds.add("postgres");
      }
      kinds.add("kill");
      while (System.nanoTime() < end || round < kinds.size()) {
        Thread.sleep(config.faultGap().toMillis());
        String kind = kinds.get(round % kinds.size());
        int victim = round % nodes.size();
        fault(kind, nodes.get(victim), proxies.get(victim), nats, pg);
        round++;
      }
      clients.stop();
      awaitReady(nodes);
      Thread.sleep(2000);
      List<String> breaches = NemesisChecker.check(clients);
      return new Result(
          (System.nanoTime() - start) / 1e9,
          faults,
          faultLog,
          clients.sends.get(),
          clients.ackedCount(),
          clients.retries.get(),
          clients.gaveUp.get(),
          clients.reconnects.get(),
          clients.ordered.get(),
          clients.violations(),
          breaches,
          cutOffNotReady || !faults.containsKey("cut"));
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
      for (NatsProxy p : proxies) {
        p.close();
      }
      if (pg != null) {
        pg.close();
      }
    }
  }

  private void fault(
      String kind, NodeProcess node, NatsProxy proxy, NatsServer nats, PostgresInstance pg)
      throws Exception {
    long t0 = System.nanoTime();
    String what;
    switch (kind) {
      case "kill" -> {
        node.kill();
        Thread.sleep(1000);
        node.start();
        what = "kill -9 " + node.id() + ", restarted";
      }
      case "stop" -> {
        node.stop();
        Thread.sleep(config.heartbeat().multipliedBy(5).toMillis());
        node.cont();
        what = "SIGSTOP " + node.id() + " for 5 heartbeats, SIGCONT";
      }
      case "nats" -> {
        nats.kill();
        Thread.sleep(2000);
        nats.start();
        what = "NATS killed, restarted after 2 s";
      }
      case "postgres" -> {
        pg.crash();
        Thread.sleep(2000);
        pg.start();
        what = "PostgreSQL crashed (immediate), restarted after 2 s";
      }
      default -> {
        proxy.cut();
        boolean notReady = false;
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
          notReady |= node.readiness() == 503;
          Thread.sleep(250);
        }
        cutOffNotReady &= notReady;
        proxy.heal();
        what = "cut " + node.id() + " off NATS for 5 s (not ready meanwhile: " + notReady + ")";
      }
    }
    faults.merge(kind, 1, Integer::sum);
    faultLog.add(Instant.now() + " " + what + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
  }

  private List<String> settings(String pgUrl, NatsProxy proxy) {
    List<String> s = new ArrayList<>();
    s.addAll(
        List.of(
            "--store=postgres",
            "--postgres-url=" + pgUrl,
            "--bus=nats",
            "--nats-url=" + proxy.url(),
            "--presence-heartbeat=" + config.heartbeat().toMillis() + "ms",
            "--presence-grace=300ms",
            "--argon2-memory-kib=1024"));
    for (String relaxed :
        List.of(
            "--rate-sends=0",
            "--rate-frames=0",
            "--rate-logins-ip=0",
            "--rate-logins-user=0",
            "--rate-registrations-ip=0")) {
      s.add(relaxed);
    }
    return s;
  }

  /**
   * Starts the first node (it migrates the schema), then the others' JVMs at once, and waits for
   * all.
   */
  private static void startAll(List<NodeProcess> nodes) throws Exception {
    nodes.get(0).start();
    List<java.util.concurrent.CompletableFuture<Void>> started = new ArrayList<>();
    for (NodeProcess n : nodes.subList(1, nodes.size())) {
      started.add(
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  n.start();
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              }));
    }
    for (var f : started) {
      f.get();
    }
  }

  private static void awaitReady(List<NodeProcess> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (NodeProcess n : nodes) {
      while (n.readiness() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
