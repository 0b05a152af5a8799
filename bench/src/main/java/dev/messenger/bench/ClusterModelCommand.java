package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster-model}: the cluster's NATS and KV load per online user, measured on the real code
 * without WebSockets. Several simulated nodes in this process, each with its own NATS connection,
 * the real {@code NatsBus} and {@code NatsPresenceRegistry} (see {@link ModelNode}), share a
 * private nats-server; {@code --users} simulated users are online among twice as many, with
 * connect/disconnect churn and a 1:1/group send mix whose doorbells go through the real {@link
 * Fanout}. The server's own counters ({@code /varz}) and the KV stream's sequence give NATS
 * messages/s, KV writes/s and subscriptions over the measured window, also per 100,000 online
 * users. Exit code 1 if the window could not offer the asked load.
 */
@Command(
    name = "cluster-model",
    mixinStandardHelpOptions = true,
    description = "NATS msgs/s and KV ops/s per 100,000 online users on the real bus and presence")
final class ClusterModelCommand implements Callable<Integer> {
  @Option(names = "--users", description = "online users (default ${DEFAULT-VALUE})")
  int users = 200_000;

  @Option(names = "--nodes", description = "simulated nodes (default ${DEFAULT-VALUE})")
  int nodes = 4;

  @Option(names = "--seconds", description = "measured seconds (default ${DEFAULT-VALUE})")
  double seconds = 60;

  @Option(
      names = "--session-minutes",
      description = "mean minutes a user stays connected: churn (default ${DEFAULT-VALUE})")
  double sessionMinutes = 10;

  @Option(
      names = "--sends-per-user-minute",
      description = "sends per online user per minute (default ${DEFAULT-VALUE})")
  double sendsPerUserMinute = 0.5;

  @Option(names = "--group-share", description = "share of group sends (default ${DEFAULT-VALUE})")
  double groupShare = 0.2;

  @Option(names = "--group-size", description = "members of a group (default ${DEFAULT-VALUE})")
  int groupSize = 10;

  @Option(
      names = "--watched",
      description = "users whose presence each online user watches (default ${DEFAULT-VALUE})")
  int watched = 3;

  @Option(
      names = "--heartbeat-ms",
      description = "presence heartbeat in ms (default ${DEFAULT-VALUE})")
  long heartbeatMillis = 2000;

  @Option(names = "--out", description = "also write the result as JSON to this file")
  java.nio.file.Path out;

  private final Random random = new Random(42);
  private final AtomicLong deliveries = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    Report report =
        new Report("cluster-model")
            .param("users", users)
            .param("nodes", nodes)
            .param("seconds", seconds)
            .param("sessionMinutes", sessionMinutes)
            .param("sendsPerUserMinute", sendsPerUserMinute)
            .param("groupShare", groupShare)
            .param("groupSize", groupSize)
            .param("watched", watched)
            .param("heartbeatMs", heartbeatMillis);
    String bucket = "model_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    List<ModelNode> cluster = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, nodes));
    try (NatsServer nats = new NatsServer();
        Connection admin = Nats.connect(nats.url());
        AutoCloseable closeNodes = () -> cluster.forEach(ModelNode::close)) {
      for (int i = 0; i < nodes; i++) {
        cluster.add(new ModelNode(nats.url(), "m" + i, heartbeatMillis, bucket, deliveries));
      }
      Population population = new Population(users * 2, users, random);
      long setupStart = System.nanoTime();
      List<Future<?>> connects = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        int n = i;
        connects.add(
            pool.submit(
                () -> {
                  for (int u = n; u < users; u += nodes) {
                    cluster.get(n).connect(population.user(u), population.watchedBy(u, watched));
                  }
                }));
      }
      for (Future<?> f : connects) {
        f.get();
      }
      Scenario.log(
          "%d users online on %d nodes in %.1f s",
          users, nodes, (System.nanoTime() - setupStart) / 1e9);
      Thread.sleep(2 * heartbeatMillis);

      Counters before = Counters.read(nats, admin, bucket);
      long deliveredBefore = deliveries.get();
      Load load = new Load(cluster, population, pool);
      Load.Result result = load.run(seconds, users / (sessionMinutes * 60), sendRate());
      Counters after = Counters.read(nats, admin, bucket);
      double s = result.seconds();
      double per100k = 100_000.0 / users;
      Map<String, Object> row = report.row();
      row.put("seconds", Report.round2(s));
      row.put("churnPerS", Report.round2(result.churn() / s));
      row.put("sendsPerS", Report.round2(result.sends() / s));
      row.put("doorbellsPublishedPerS", Report.round2(result.doorbells() / s));
      row.put("deliveredPerS", Report.round2((deliveries.get() - deliveredBefore) / s));
      row.put("natsInPerS", Report.round2((after.in() - before.in()) / s));
      row.put("natsOutPerS", Report.round2((after.out() - before.out()) / s));
      row.put("kvWritesPerS", Report.round2((after.kvSeq() - before.kvSeq()) / s));
      row.put("subscriptions", after.subscriptions());
      row.put("natsInPerS100k", Report.round2((after.in() - before.in()) / s * per100k));
      row.put("natsOutPerS100k", Report.round2((after.out() - before.out()) / s * per100k));
      row.put("kvWritesPerS100k", Report.round2((after.kvSeq() - before.kvSeq()) / s * per100k));
      row.put("subscriptionsPer100k", Math.round(after.subscriptions() * per100k));
      boolean shortfall = result.behind() > 0.05;
      report.summary().put("offeredShortfall", Report.round2(result.behind()));
      report.summary().put("failed", shortfall);
      System.out.println(report.markdown());
      if (out != null) {
        report.write(out);
      }
      return shortfall ? 1 : 0;
    } finally {
      pool.shutdownNow();
    }
  }

  private double sendRate() {
    return users * sendsPerUserMinute / 60.0;
  }

  /** The server's message counters and the KV stream's last sequence at one moment. */
  record Counters(long in, long out, long subscriptions, long kvSeq) {
    static Counters read(NatsServer nats, Connection admin, String bucket) throws Exception {
      JsonNode v = nats.varz();
      long seq =
          admin
              .jetStreamManagement()
              .getStreamInfo("KV_" + bucket)
              .getStreamState()
              .getLastSequence();
      return new Counters(
          v.path("in_msgs").asLong(),
          v.path("out_msgs").asLong(),
          v.path("subscriptions").asLong(),
          seq);
    }
  }

  /** Who is online, who is not, and the contacts each user watches. Confined to one thread. */
  static final class Population {
    private final String prefix = "p" + Long.toString(System.nanoTime() % 100_000, 36) + "_";
    private final int size;
    private final List<Integer> online = new ArrayList<>();
    private final List<Integer> offline = new ArrayList<>();
    private final Random random;

    Population(int size, int initiallyOnline, Random random) {
      this.size = size;
      this.random = random;
      for (int i = 0; i < size; i++) {
        (i < initiallyOnline ? online : offline).add(i);
      }
    }

    String user(int i) {
      return prefix + i;
    }

    /** A stable set of {@code count} users that user {@code i} watches. */
    List<String> watchedBy(int i, int count) {
      Random r = new Random(i);
      List<String> w = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        w.add(user(r.nextInt(size)));
      }
      return w;
    }

    int anyone() {
      return random.nextInt(size);
    }

    int someoneOnline() {
      return online.get(random.nextInt(online.size()));
    }

    /** Swaps a random online user with a random offline one; answers {leaving, coming}. */
    int[] churn() {
      int a = random.nextInt(online.size());
      int b = random.nextInt(offline.size());
      int leaving = online.get(a);
      int coming = offline.get(b);
      online.set(a, coming);
      offline.set(b, leaving);
      return new int[] {leaving, coming};
    }
  }

  /** Drives churn and sends at fixed rates on the pool; answers what was done. */
  private final class Load {
    private final List<ModelNode> cluster;
    private final Population population;
    private final ExecutorService pool;
    private final Map<Integer, ModelNode> where = new java.util.concurrent.ConcurrentHashMap<>();

    record Result(double seconds, long churn, long sends, long doorbells, double behind) {}

    Load(List<ModelNode> cluster, Population population, ExecutorService pool) {
      this.cluster = cluster;
      this.population = population;
      this.pool = pool;
      for (int u = 0; u < users; u++) {
        where.put(u, cluster.get(u % cluster.size()));
      }
    }

    Result run(double seconds, double churnPerS, double sendsPerS) throws Exception {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long churned = 0;
      long sent = 0;
      AtomicLong doorbells = new AtomicLong();
      List<Future<?>> pending = new ArrayList<>();
      double wantChurn = 0;
      double wantSends = 0;
      while (System.nanoTime() < end) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        wantChurn = elapsed * churnPerS;
        wantSends = elapsed * sendsPerS;
        pending.removeIf(Future::isDone);
        while (churned < wantChurn && pending.size() < 2000) {
          int[] lc = population.churn();
          ModelNode from = where.remove(lc[0]);
          ModelNode to = cluster.get(random.nextInt(cluster.size()));
          where.put(lc[1], to);
          String leaving = population.user(lc[0]);
          String coming = population.user(lc[1]);
          List<String> watch = population.watchedBy(lc[1], watched);
          pending.add(
              pool.submit(
                  () -> {
                    from.disconnect(leaving);
                    to.connect(coming, watch);
                  }));
          churned++;
        }
        while (sent < wantSends && pending.size() < 2000) {
          int sender = population.someoneOnline();
          ModelNode node = where.get(sender);
          List<Member> members = new ArrayList<>();
          members.add(member(population.user(sender)));
          int others = random.nextDouble() < groupShare ? groupSize - 1 : 1;
          for (int k = 0; k < others; k++) {
            members.add(member(population.user(population.anyone())));
          }
          long seq = sent + 1;
          pending.add(
              pool.submit(
                  () -> {
                    node.fanout().toMembers(members, message(members.get(0).userId(), seq));
                    doorbells.addAndGet(members.size());
                  }));
          sent++;
        }
        Thread.sleep(5);
      }
      for (Future<?> f : pending) {
        f.get(60, TimeUnit.SECONDS);
      }
      double took = (System.nanoTime() - start) / 1e9;
      double behind = 1 - (churned + sent) / Math.max(1, wantChurn + wantSends);
      return new Result(took, churned * 2, sent, doorbells.get(), behind);
    }
  }

  private static Member member(String userId) {
    return new Member("c", userId, Member.Role.MEMBER, 0, 0, 0, 0);
  }

  private static BusEvent message(String from, long seq) {
    return new BusEvent.MessageStored(
        new Message(
            "c-" + from,
            seq,
            from,
            "d-" + from,
            "x" + seq,
            System.currentTimeMillis(),
            Message.Kind.TEXT,
            "a message body of about forty characters.",
            List.of(),
            null));
  }
}
