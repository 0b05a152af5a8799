package dev.messenger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of this node's doorbell links ({@link Outbox}): remembers, per source node,
 * its epoch and the last envelope number seen. A number that skips, or a mark above it, means
 * envelopes were lost: they are asked for on {@code messenger.missed.<source>} and delivered from
 * the answer, so only the conversations whose doorbells were lost are caught up, not every session.
 * When the source cannot give them back (no longer kept, no answer within {@link #ASK_TIMEOUT} in
 * {@link #ASK_TRIES} tries 0.25, 0.5 and 1 s apart, or the source restarted, so its previous life
 * may have died with doorbells unsent) {@code lost} runs: the fallback that makes every session
 * re-check the store. Thread-safe.
 */
final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final String self;
  private final Supplier<Connection> nats;
  private final Consumer<JsonNode> deliver;
  private final Runnable lost;
  private final ScheduledExecutorService timer;

  /**
   * Tries of one request before the fallback: after a NATS restart the source may not yet have
   * subscribed again ("no responders").
   */
  static final int ASK_TRIES = 4;

  private final Map<String, Source> sources = new ConcurrentHashMap<>();
  private final AtomicLong recovered = new AtomicLong();
  private final AtomicLong fallbacks = new AtomicLong();

  /** This node's start (ms, less a second of clock skew): older envelopes were for another life. */
  private final long since = System.currentTimeMillis() - 1000;

  private static final class Source {
    long epoch;
    long last;
  }

  /**
   * @param deliver hands one envelope's event to the local subscribers of its users
   * @param lost runs when lost doorbells cannot be recovered
   */
  Inbox(
      String self,
      Supplier<Connection> nats,
      Consumer<JsonNode> deliver,
      Runnable lost,
      ScheduledExecutorService timer) {
    this.self = self;
    this.timer = timer;
    this.nats = nats;
    this.deliver = deliver;
    this.lost = lost;
  }

  /** Envelopes delivered from retransmissions so far. */
  long recovered() {
    return recovered.get();
  }

  /** Times the fallback (every session re-checks the store) ran. */
  long fallbacks() {
    return fallbacks.get();
  }

  /** An envelope or mark arrived on this node's subject. */
  void onEnvelope(JsonNode env) {
    String src = env.path("src").asText();
    long ep = env.path("ep").asLong();
    long n = env.path("n").asLong();
    boolean mark = env.path("mark").asBoolean(false);
    Source s = sources.computeIfAbsent(src, k -> new Source());
    boolean restarted = false;
    long gapAfter = -1;
    long gapUntil = -1;
    synchronized (s) {
      if (s.epoch != ep) {
        restarted = s.epoch != 0;
        s.epoch = ep;
        s.last = 0;
      }
      if (n <= s.last) {
        return;
      }
      if (n > s.last + 1 || mark) {
        gapAfter = s.last;
        gapUntil = mark ? n : n - 1;
      }
      s.last = n;
    }
    if (restarted) {
      LOG.info("node {} restarted: re-checking every session", src);
      fallback();
    }
    if (gapAfter >= 0 && gapUntil > gapAfter) {
      ask(src, ep, gapAfter, gapUntil);
    }
    if (!mark) {
      deliver.accept(env);
    }
  }

  /**
   * After this node's reconnect: asks every known source, and every other live node in {@code
   * peers}, for whatever it sent since the last envelope seen.
   */
  void askAll(Collection<String> peers) {
    for (var e : sources.entrySet()) {
      long ep;
      long last;
      synchronized (e.getValue()) {
        ep = e.getValue().epoch;
        last = e.getValue().last;
      }
      ask(e.getKey(), ep, last, Long.MAX_VALUE);
    }
    for (String p : peers) {
      if (!p.equals(self) && !sources.containsKey(p)) {
        ask(p, 0, 0, Long.MAX_VALUE);
      }
    }
  }

  private void ask(String src, long ep, long after, long until) {
    ask(src, ep, after, until, 1);
  }

  private void ask(String src, long ep, long after, long until, int attempt) {
    byte[] request =
        EventCodec.bytes(
            EventCodec.object()
                .put("to", self)
                .put("ep", ep)
                .put("after", after)
                .put("until", until)
                .put("since", since));
    CompletableFuture<Message> reply;
    try {
      reply =
          nats.get()
              .request(Outbox.missedSubject(src), request)
              .orTimeout(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (m, err) -> {
          if (err != null) {
            if (attempt < ASK_TRIES) {
              long wait = 250L << (attempt - 1);
              timer.schedule(
                  () -> ask(src, ep, after, until, attempt + 1), wait, TimeUnit.MILLISECONDS);
              return;
            }
            LOG.warn("node {} did not give back lost doorbells: {}", src, err.toString());
            fallback();
            return;
          }
          answered(src, ep, until, m.getData());
        });
  }

  private void answered(String src, long askedEp, long until, byte[] data) {
    JsonNode a;
    try {
      a = EventCodec.parse(data);
    } catch (Exception e) {
      LOG.warn("undecodable answer from {}", src, e);
      fallback();
      return;
    }
    if (a.path("lost").asBoolean(false)) {
      LOG.info("node {} no longer keeps the doorbells this node lost", src);
      fallback();
      return;
    }
    long ep = a.path("ep").asLong();
    long upTo = a.path("upTo").asLong();
    for (JsonNode env : a.path("events")) {
      recovered.incrementAndGet();
      deliver.accept(env);
    }
    Source s = sources.computeIfAbsent(src, k -> new Source());
    synchronized (s) {
      if (s.epoch == 0 || s.epoch == ep) {
        s.epoch = ep;
        s.last = Math.max(s.last, upTo);
      }
    }
    if (a.path("more").asBoolean(false)) {
      ask(src, ep, upTo, until);
    }
  }

  private void fallback() {
    fallbacks.incrementAndGet();
    lost.run();
  }
}
