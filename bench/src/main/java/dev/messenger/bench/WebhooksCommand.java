package dev.messenger.bench;

import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code webhooks}: the {@code steady} load (U users in pairs, one direct conversation per pair, R
 * messages per second for D seconds) against a node whose {@code webhook-url} and/or {@code
 * webhook-before-send-url} point at a loopback receiver this command runs on {@code
 * --receiver-port}: {@code /hook} counts events (by id) and answers 204 at once, {@code
 * /before-send} answers {@code {"action":"allow"}} at once (PROTOCOL.md section 8). Reports the
 * send latency (with or without the hook, depending on how the node was started) and the webhook
 * sender's delivery rate: events received, duplicates, and events per second from the first event
 * to the last, waiting up to {@code --drain} seconds after sending for every acknowledged message's
 * event.
 */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = "steady load; a loopback webhook receiver and before-send hook count and time")
final class WebhooksCommand extends Scenario {
  @Option(names = "--users", description = "users, an even number (default ${DEFAULT-VALUE})")
  int users = 400;

  @Option(names = "--rate", description = "messages per second in total (default ${DEFAULT-VALUE})")
  double ratePerSecond = 500;

  @Option(names = "--duration", description = "sending seconds (default ${DEFAULT-VALUE})")
  double durationSeconds = 10;

  @Option(
      names = "--drain",
      description =
          "most seconds to wait for webhook events after sending (default ${DEFAULT-VALUE})")
  double drainSeconds = 120;

  @Option(
      names = "--warmup",
      description = "seconds of the same load before the measured run (default ${DEFAULT-VALUE})")
  double warmupSeconds = 0;

  @Option(
      names = "--receiver-port",
      description = "port of the loopback receiver (default ${DEFAULT-VALUE})")
  int receiverPort = 19931;

  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong hookCalls = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();

  @Override
  Report run(Tools t) throws Exception {
    HttpServer receiver =
        t.vertx()
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              if (req.path().equals("/before-send")) {
                                hookCalls.incrementAndGet();
                                req.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end("{\"action\":\"allow\"}");
                                return;
                              }
                              String s = body.toString();
                              int at = s.indexOf("\"id\":\"");
                              String id = at < 0 ? s : s.substring(at + 6, s.indexOf('"', at + 6));
                              long now = System.nanoTime();
                              firstNanos.compareAndSet(0, now);
                              lastNanos.set(now);
                              events.incrementAndGet();
                              ids.add(id);
                              req.response().setStatusCode(204).end();
                            }))
            .listen(receiverPort, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    try {
      SteadyCommand.Pairs.connect(this, t, users);
      if (warmupSeconds > 0) {
        // JIT, connection pools and the hook client's first use are not what is measured.
        Measurement.run(
            t.fleet(),
            target.serverPid,
            ratePerSecond,
            warmupSeconds,
            10,
            new java.util.HashMap<>());
        hookCalls.set(0);
      }
      long eventsBefore = events.get();
      ids.clear();
      firstNanos.set(0);
      Report report =
          new Report("webhooks")
              .param("users", users)
              .param("ratePerSecond", ratePerSecond)
              .param("durationSeconds", durationSeconds)
              .param("warmupSeconds", warmupSeconds);
      Map<String, Object> row = report.row();
      long sendStart = System.nanoTime();
      Measurement.run(t.fleet(), target.serverPid, ratePerSecond, durationSeconds, 10, row);
      long acked = (Long) row.get("acknowledged");
      long until = System.nanoTime() + (long) (drainSeconds * 1e9);
      while (events.get() - eventsBefore > 0 && ids.size() < acked && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      long received = events.get() - eventsBefore;
      double seconds = (lastNanos.get() - firstNanos.get()) / 1e9;
      row.put("hookCalls", hookCalls.get());
      row.put("webhookEvents", ids.size());
      row.put("webhookDuplicates", received - ids.size());
      row.put("webhookSeconds", Report.round2(seconds));
      row.put(
          "webhookEventsPerSecond", seconds > 0 ? Math.round(ids.size() / seconds) : ids.size());
      row.put(
          "webhookLastAfterSendStartSeconds",
          received == 0 ? 0 : Report.round2((lastNanos.get() - sendStart) / 1e9));
      report.summary().put("errors", t.fleet().errors());
      report.summary().put("failed", !row.get("lost").equals(0L));
      return report;
    } finally {
      receiver.close().await(10, TimeUnit.SECONDS);
    }
  }
}
