package dev.messenger.server.webhook;

import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.store.JdbcOutbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox (PROTOCOL.md section 8 "Webhooks") at least once: one thread claims
 * up to {@value #BATCH} due events, at most {@value #PER_CONVERSATION} per conversation (a prefix
 * of its rows in {@code seq} order), for a lease of {@value #LEASE_MS} ms; POSTs each
 * conversation's events one after another in {@code seq} order and the conversations at once, with
 * the {@code Messenger-Signature} header (each within {@value #REQUEST_TIMEOUT_MS} ms); then, in
 * one transaction, deletes those answered 2xx, reschedules a failed one with exponential backoff (1
 * s doubling to 1 h) until {@code webhook-retry-for} has passed since the event was made (then it
 * is dropped and counted), and releases the events of its conversation after it untried, so order
 * holds. When nothing is due it polls every {@value #POLL_MS} ms.
 *
 * <p>Nothing is queued in memory: the outbox table is the queue, and a batch bounds what is in
 * flight (at most {@value #BATCH} requests, one per conversation at a time). Several nodes may run
 * senders on one database; a claim gives each event to one of them. A crash leaves claimed events
 * to be claimed again once their lease lapses. Thread-safe.
 */
public final class WebhookSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** Most events claimed in one round. */
  static final int BATCH = 256;

  /** Most events of one conversation claimed in one round (sent one after another). */
  static final int PER_CONVERSATION = 16;

  /** How long a claim holds an event; longer than a request may take. */
  static final long LEASE_MS = 15_000;

  static final long REQUEST_TIMEOUT_MS = 10_000;
  static final long POLL_MS = 100;
  private static final long MAX_BACKOFF_MS = 3_600_000;

  private final JdbcOutbox outbox;
  private final WebhookSettings settings;
  private final String nodeId;
  private final Clock clock;
  private final HttpClient http;
  private final Thread thread;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** Starts the sender thread. */
  public WebhookSender(JdbcOutbox outbox, WebhookSettings settings, String nodeId, Clock clock) {
    this.outbox = outbox;
    this.settings = settings;
    this.nodeId = nodeId;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(REQUEST_TIMEOUT_MS))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.thread = new Thread(this::loop, "webhook-sender");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** POSTs made so far. */
  public long attempts() {
    return attempts.get();
  }

  /** POSTs that failed (no answer or not 2xx). */
  public long failures() {
    return failures.get();
  }

  /** Events delivered (answered 2xx). */
  public long delivered() {
    return delivered.get();
  }

  /** Events dropped after {@code webhook-retry-for}. */
  public long dropped() {
    return dropped.get();
  }

  private void loop() {
    while (!closed) {
      try {
        if (!round()) {
          Thread.sleep(POLL_MS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
        LOG.warn("webhook outbox round failed; retrying: {}", e.toString());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** One claim and its deliveries; false if nothing was due. */
  private boolean round() throws InterruptedException, java.util.concurrent.ExecutionException {
    long now = clock.millis();
    List<JdbcOutbox.Event> batch =
        outbox.claim(nodeId, now, now + LEASE_MS, BATCH, PER_CONVERSATION).get();
    if (batch.isEmpty()) {
      return false;
    }
    // Each conversation's events one after another, in seq order; conversations at once.
    Map<String, List<JdbcOutbox.Event>> chains = new LinkedHashMap<>();
    for (JdbcOutbox.Event e : batch) {
      String key = e.conversationId().isEmpty() ? "#" + e.id() : e.conversationId();
      chains.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    Queue<String> done = new ConcurrentLinkedQueue<>();
    Map<String, Long> retry = new ConcurrentHashMap<>();
    Queue<String> release = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Boolean>> running = new ArrayList<>(chains.size());
    for (List<JdbcOutbox.Event> chain : chains.values()) {
      chain.sort(Comparator.comparingLong(JdbcOutbox.Event::seq));
      CompletableFuture<Boolean> f = CompletableFuture.completedFuture(true);
      for (JdbcOutbox.Event e : chain) {
        f =
            f.thenCompose(
                go -> {
                  if (!go) {
                    release.add(e.id()); // held back behind a failure: order first
                    return CompletableFuture.completedFuture(false);
                  }
                  return post(e).thenApply(ok -> settled(e, ok, done, retry));
                });
      }
      running.add(f);
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    outbox.settle(List.copyOf(done), Map.copyOf(retry), List.copyOf(release)).get();
    return true;
  }

  /** Files one outcome; true if the conversation's next event may go. */
  private boolean settled(
      JdbcOutbox.Event e, boolean ok, Queue<String> done, Map<String, Long> retry) {
    long after = clock.millis();
    if (ok) {
      delivered.incrementAndGet();
      done.add(e.id());
      return true;
    } else if (after - e.createdAt() >= settings.retryFor().toMillis()) {
      dropped.incrementAndGet();
      LOG.warn("webhook event {} dropped after {} attempts", e.id(), e.attempts() + 1);
      done.add(e.id());
      return true;
    }
    retry.put(e.id(), after + backoffMillis(e.attempts()));
    return false;
  }

  /** The wait after the {@code (attempts + 1)}-th failure: 1 s doubling, at most 1 h. */
  static long backoffMillis(int attempts) {
    return attempts >= 12 ? MAX_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, 1_000L << attempts);
  }

  private CompletableFuture<Boolean> post(JdbcOutbox.Event e) {
    attempts.incrementAndGet();
    long t = clock.millis() / 1000;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url()))
            .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS))
            .header("Content-Type", "application/json")
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.sign(settings.secret().reveal(), t, e.body()))
            .POST(HttpRequest.BodyPublishers.ofString(e.body()))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .orTimeout(REQUEST_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS)
        .handle(
            (r, err) -> {
              boolean ok = err == null && r.statusCode() / 100 == 2;
              if (!ok) {
                failures.incrementAndGet();
                LOG.debug(
                    "webhook event {} not delivered: {}",
                    e.id(),
                    err != null ? err.toString() : "HTTP " + r.statusCode());
              }
              return ok;
            });
  }

  /** Stops the thread; claimed events are claimed again after their lease. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
