package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code search}: {@code GET /api/v1/search} (PROTOCOL.md section 7) against a store made by {@code
 * prefill}, as one prefilled user ({@code <prefix>_<user>}, a member of 10 conversations with the
 * defaults; a new device, logged out at the end), {@code --concurrency} requests in flight.
 *
 * <p>Queries: {@code selective} (default) asks for one message of the user, {@code <seq> m<k>}
 * (prefill's body starts with the tag {@code m<k>.<seq>}, which the tokenizer splits into the words
 * {@code m<k>} and {@code <seq>}; the last word also matches as a prefix, so a few other
 * conversations' tags may match too) for a random conversation of the user and a random seq; the
 * answer must hold that message ({@code wrong} counts those that do not). {@code --query TEXT} asks
 * the same text every time instead (for example a filler word every message holds, the worst case:
 * the index yields every message of the store and visibility filters them). Reports searches per
 * second, latency (request sent to answer read) and node CPU, after {@code --warmup} searches that
 * are not measured.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Searches by one prefilled user: searches/s, latency")
final class SearchCommand extends Scenario {
  private static final Pattern TAG = Pattern.compile("^m(\\d+)\\.");

  @Option(names = "--prefix", description = "username prefix of prefill (default ${DEFAULT-VALUE})")
  String prefix = HistoryCommand.DEFAULT_PREFIX;

  @Option(names = "--user", description = "which prefilled user (default ${DEFAULT-VALUE})")
  int user = 0;

  @Option(names = "--searches", description = "measured searches (default ${DEFAULT-VALUE})")
  int searches = 5000;

  @Option(names = "--warmup", description = "searches not measured (default ${DEFAULT-VALUE})")
  int warmup = 500;

  @Option(names = "--concurrency", description = "searches in flight (default ${DEFAULT-VALUE})")
  int concurrency = 4;

  @Option(names = "--limit", description = "results per search, 1-100 (default ${DEFAULT-VALUE})")
  int limit = 20;

  @Option(names = "--query", description = "ask this text every time instead of selective ones")
  String query;

  private record Conv(String id, String tag, long lastSeq) {}

  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong wrong = new AtomicLong();
  private final AtomicLong results = new AtomicLong();

  @Override
  Report run(Tools t) throws Exception {
    if (searches < 1 || concurrency < 1 || limit < 1 || limit > 100) {
      throw new IllegalArgumentException("need --searches, --concurrency >= 1, --limit 1-100");
    }
    String name = prefix + "_" + user;
    String token = t.api().login(name, Users.PASSWORD).await();
    try {
      JsonNode list =
          t.api()
              .call(
                  HttpMethod.GET, "/api/v1/conversations", token, Api.JSON.createObjectNode(), 200)
              .await();
      List<Conv> convs = new ArrayList<>();
      for (JsonNode c : list.path("conversations")) {
        Matcher m = TAG.matcher(c.path("lastMessage").path("body").asText(""));
        if (m.find() && c.path("lastSeq").asLong() > 0) {
          convs.add(new Conv(c.path("id").asText(), "m" + m.group(1), c.path("lastSeq").asLong()));
        }
      }
      if (convs.isEmpty()) {
        throw new IllegalStateException(name + " has no prefilled conversation: prefill first");
      }
      log("%s: %d prefilled conversations", name, convs.size());
      search(t, token, convs, warmup, new Recorder(Ledger.MAX_LATENCY_MICROS, 3));
      failed.set(0);
      wrong.set(0);
      results.set(0);
      Recorder latency = new Recorder(Ledger.MAX_LATENCY_MICROS, 3);
      ProcStats server0 = ProcStats.of(target.serverPid);
      long start = System.nanoTime();
      search(t, token, convs, searches, latency);
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcStats server1 = ProcStats.of(target.serverPid);
      Histogram h = latency.getIntervalHistogram();
      Report report =
          new Report("search")
              .param("user", name)
              .param("conversations", convs.size())
              .param("searches", searches)
              .param("warmup", warmup)
              .param("concurrency", concurrency)
              .param("limit", limit)
              .param("query", query == null ? "selective: <seq> m<k>" : query);
      var row = report.row();
      row.put("searches", h.getTotalCount());
      row.put("failed", failed.get());
      row.put("wrong", wrong.get());
      row.put("resultsPerSearch", Report.round2(results.get() / (double) h.getTotalCount()));
      row.put("seconds", Report.round2(seconds));
      row.put("searchesPerSecond", Math.round(h.getTotalCount() / seconds));
      Report.putLatencies(row, "search", h);
      row.put("serverCpuPercent", server1.cpuPercentSince(server0));
      row.put("serverRssMib", IdleCommand.mib(server1));
      report.summary().put("searchP99Ms", Report.ms(h, 99));
      report.summary().put("failed", failed.get() > 0 || wrong.get() > 0);
      return report;
    } finally {
      t.api()
          .call(
              HttpMethod.DELETE, "/api/v1/sessions/current", token, Api.JSON.createObjectNode(), -1)
          .otherwiseEmpty()
          .await();
    }
  }

  private void search(Tools t, String token, List<Conv> convs, int count, Recorder latency)
      throws Exception {
    Bounded.run(
            count,
            concurrency,
            i -> {
              ThreadLocalRandom rnd = ThreadLocalRandom.current();
              Conv c = convs.get(rnd.nextInt(convs.size()));
              long seq = 1 + rnd.nextLong(c.lastSeq());
              String q = query != null ? query : seq + " " + c.tag();
              String uri =
                  "/api/v1/search?limit="
                      + limit
                      + "&q="
                      + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
              long t0 = System.nanoTime();
              return t.api()
                  .call(HttpMethod.GET, uri, token, Api.JSON.createObjectNode(), 200)
                  .map(
                      r -> {
                        latency.recordValue(
                            Math.min((System.nanoTime() - t0) / 1000, Ledger.MAX_LATENCY_MICROS));
                        JsonNode rs = r.path("results");
                        results.addAndGet(rs.size());
                        boolean found = false;
                        for (JsonNode x : rs) {
                          found |=
                              c.id().equals(x.path("conversationId").asText())
                                  && x.path("seq").asLong() == seq;
                        }
                        if (query == null && !found) {
                          wrong.incrementAndGet();
                        }
                        return (Void) null;
                      })
                  .recover(
                      e -> {
                        if (failed.incrementAndGet() <= 5) {
                          log("search failed: %s", e.getMessage());
                        }
                        return Future.succeededFuture();
                      });
            })
        .await();
  }
}
