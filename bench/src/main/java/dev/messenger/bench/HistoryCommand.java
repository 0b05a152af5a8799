package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code history}: random history pages from a prefilled store ({@code prefill}). Logs in as the
 * prefilled users {@code <prefix>_0 .. <prefix>_<users-1>} (a new device each, logged out at the
 * end), opens one WebSocket each, learns each user's conversations with {@code sync}, then fetches
 * {@code --pages} pages, {@code --concurrency} in flight: a random conversation of the user, a
 * random {@code before} in {@code [2, lastSeq + 1]}, {@code limit} {@code --limit}. Request {@code
 * i} goes to connection {@code i % users}, so with {@code users >= concurrency} a connection has at
 * most about one page in flight. Every page is checked: ascending, gap-free, ending at {@code
 * before - 1}, {@code min(limit, before - 1)} messages (prefilled conversations have no gaps and
 * every member joined at seq 1); pages that are not count as {@code badPages}. Reports pages per
 * second and the page latency (request written to reply read), after {@code --warmup-pages} pages
 * that are not measured.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Random history pages from a prefilled store: pages/s, latency")
final class HistoryCommand extends Scenario {
  /** Username prefix of {@code prefill} and {@code history} unless given. */
  static final String DEFAULT_PREFIX = "hist";

  /** Bad pages described in the log, at most. */
  static final int BAD_PAGE_SAMPLES = 5;

  @Option(names = "--prefix", description = "username prefix of prefill (default ${DEFAULT-VALUE})")
  String prefix = DEFAULT_PREFIX;

  @Option(
      names = "--users",
      description = "prefilled users to log in as, one connection each (default ${DEFAULT-VALUE})")
  int users = 200;

  @Option(names = "--pages", description = "measured pages (default ${DEFAULT-VALUE})")
  int pages = 20_000;

  @Option(
      names = "--warmup-pages",
      description = "pages fetched first and not measured (default ${DEFAULT-VALUE})")
  int warmupPages = 1000;

  @Option(names = "--concurrency", description = "pages in flight (default ${DEFAULT-VALUE})")
  int concurrency = 50;

  @Option(names = "--limit", description = "messages per page, 1-200 (default ${DEFAULT-VALUE})")
  int limit = 50;

  private final AtomicLong badPages = new AtomicLong();
  private final AtomicLong failedPages = new AtomicLong();
  private final AtomicLong messagesReturned = new AtomicLong();

  @Override
  Report run(Tools t) throws Exception {
    if (users < 1 || pages < 1 || concurrency < 1 || limit < 1 || limit > 200) {
      throw new IllegalArgumentException(
          "need --users, --pages, --concurrency >= 1, --limit 1-200");
    }
    List<Account> accounts = login(t);
    WebSocketClient ws =
        t.vertx()
            .createWebSocketClient(
                new WebSocketClientOptions()
                    .setMaxConnections(1_000_000)
                    .setConnectTimeout(30_000)
                    .setTcpNoDelay(true));
    List<HistoryClient> clients = new ArrayList<>();
    try {
      long c0 = System.nanoTime();
      clients.addAll(
          Bounded.run(
                  users,
                  target.connectConcurrency,
                  i -> HistoryClient.open(t.vertx(), ws, target.host, target.port, accounts.get(i)))
              .await());
      Bounded.run(users, target.connectConcurrency, i -> clients.get(i).sync()).await();
      long withHistory = clients.stream().filter(c -> !c.conversations().isEmpty()).count();
      log(
          "connected and synced %d users in %.1f s (%d with messages)",
          users, (System.nanoTime() - c0) / 1e9, withHistory);
      if (withHistory < users) {
        throw new IllegalStateException(
            (users - withHistory) + " users have no conversation with messages: prefill first");
      }
      fetch(clients, warmupPages, new Recorder(Ledger.MAX_LATENCY_MICROS, 3));
      badPages.set(0);
      failedPages.set(0);
      messagesReturned.set(0);
      Recorder latencyMicros = new Recorder(Ledger.MAX_LATENCY_MICROS, 3);
      ProcStats server0 = ProcStats.of(target.serverPid);
      ProcStats self0 = ProcStats.self();
      long start = System.nanoTime();
      fetch(clients, pages, latencyMicros);
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcStats server1 = ProcStats.of(target.serverPid);
      ProcStats self1 = ProcStats.self();
      Histogram h = latencyMicros.getIntervalHistogram();
      return report(h, seconds, server0, server1, self0, self1);
    } finally {
      Future.all(clients.stream().map(HistoryClient::close).toList()).await(10, TimeUnit.SECONDS);
      ws.close();
      logout(t, accounts);
    }
  }

  private Report report(
      Histogram h,
      double seconds,
      ProcStats server0,
      ProcStats server1,
      ProcStats self0,
      ProcStats self1) {
    Report report =
        new Report("history")
            .param("prefix", prefix)
            .param("users", users)
            .param("pages", pages)
            .param("warmupPages", warmupPages)
            .param("concurrency", concurrency)
            .param("limit", limit);
    var row = report.row();
    row.put("pages", h.getTotalCount());
    row.put("failedPages", failedPages.get());
    row.put("badPages", badPages.get());
    row.put("messagesReturned", messagesReturned.get());
    row.put("seconds", Report.round2(seconds));
    row.put("pagesPerSecond", Math.round(h.getTotalCount() / seconds));
    Report.putLatencies(row, "page", h);
    row.put("serverCpuPercent", server1.cpuPercentSince(server0));
    row.put("benchCpuPercent", self1.cpuPercentSince(self0));
    row.put("serverRssMib", IdleCommand.mib(server1));
    report.summary().put("pageP99Ms", Report.ms(h, 99));
    report.summary().put("failed", failedPages.get() > 0 || badPages.get() > 0);
    return report;
  }

  /** Logs in as the first {@code users} prefilled users (each login is a new device). */
  private List<Account> login(Tools t) throws Exception {
    long start = System.nanoTime();
    List<Account> accounts =
        Bounded.run(
                users,
                target.registerConcurrency,
                i -> {
                  String name = prefix + "_" + i;
                  return t.api()
                      .login(name, Users.PASSWORD)
                      .map(token -> new Account(name, Users.PASSWORD, null, token));
                })
            .await();
    log("logged in %d users in %.1f s", users, (System.nanoTime() - start) / 1e9);
    return accounts;
  }

  /** Best effort: removes the devices this run made, so repeated runs stay under the limit. */
  private void logout(Tools t, List<Account> accounts) {
    try {
      Bounded.run(
              accounts.size(),
              target.registerConcurrency,
              i ->
                  t.api()
                      .call(
                          HttpMethod.DELETE,
                          "/api/v1/sessions/current",
                          accounts.get(i).token(),
                          Api.JSON.createObjectNode(),
                          -1)
                      .otherwiseEmpty())
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log("logout failed: %s", e.getMessage());
    }
  }

  /** Fetches {@code count} random pages, {@code concurrency} in flight, recording latencies. */
  private void fetch(List<HistoryClient> clients, int count, Recorder latencyMicros)
      throws Exception {
    Bounded.run(
            count,
            concurrency,
            i -> {
              HistoryClient c = clients.get(i % clients.size());
              List<HistoryClient.Conversation> convs = c.conversations();
              ThreadLocalRandom rnd = ThreadLocalRandom.current();
              HistoryClient.Conversation conv = convs.get(rnd.nextInt(convs.size()));
              long before = 2 + rnd.nextLong(conv.lastSeq());
              var frame =
                  Api.JSON
                      .createObjectNode()
                      .put("type", "history")
                      .put("conversationId", conv.id())
                      .put("before", before)
                      .put("limit", limit);
              return c.request(frame)
                  .map(
                      r -> {
                        latencyMicros.recordValue(
                            Math.min(r.latencyNanos() / 1000, Ledger.MAX_LATENCY_MICROS));
                        check(r.frame(), conv.id(), before);
                        return (Void) null;
                      })
                  .recover(
                      e -> {
                        if (failedPages.incrementAndGet() <= BAD_PAGE_SAMPLES) {
                          log("page failed: %s", e.getMessage());
                        }
                        return Future.succeededFuture();
                      });
            })
        .await();
  }

  /**
   * Counts the page as bad unless it is exactly the {@code limit} messages before {@code before}.
   */
  private void check(JsonNode page, String conversationId, long before) {
    JsonNode messages = page.path("messages");
    long expected = Math.min(limit, before - 1);
    String problem = null;
    if (!conversationId.equals(page.path("conversationId").asText())) {
      problem = "conversationId " + page.path("conversationId").asText();
    } else if (messages.size() != expected) {
      problem = messages.size() + " messages, expected " + expected;
    } else if (page.path("hasMore").asBoolean() != (before - 1 > limit)) {
      problem = "hasMore " + page.path("hasMore").asBoolean();
    } else {
      long next = before - expected;
      for (JsonNode m : messages) {
        long seq = m.path("seq").asLong();
        if (seq != next || !conversationId.equals(m.path("conversationId").asText())) {
          problem = "seq " + seq + " where " + next + " was due";
          break;
        }
        next++;
      }
    }
    messagesReturned.addAndGet(messages.size());
    if (problem != null && badPages.incrementAndGet() <= BAD_PAGE_SAMPLES) {
      log("bad page: %s before=%d: %s", conversationId, before, problem);
    }
  }
}
