package dev.messenger.core.push;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import dev.messenger.core.messaging.StoredMessageListener;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.presence.PresenceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whom to push and sends it, off the send path (PROTOCOL.md "Push" and section 9; DESIGN.md
 * "The send path", step 5).
 *
 * <p>For every stored message ({@link #stored}, called after the commit), each other member with no
 * connected device anywhere ({@link PresenceRegistry#isOnline}) gets a push on each of its devices
 * that has a subscription (Web Push, FCM or APNs alike): a {@link PushMessage} with the ids, plus
 * the sender's display name and body start as {@link Config#preview()} allows, plus the recipient's
 * total unread count for APNs devices (the badge). A device gets at most one push per conversation
 * per {@link Config#coalesceWindow()}; later ones inside the window are dropped (the first already
 * says "open this conversation"). A {@link PushResult.Outcome#RETRY} is tried again after {@link
 * Config#firstBackoff()}, doubling each time (or after the service's {@code Retry-After} when
 * longer), up to {@link Config#maxAttempts()} attempts; {@link PushResult.Outcome#EXPIRED} deletes
 * the subscription (unless the device has subscribed anew) and records why. Each success and each
 * final failure is recorded on the device ({@link PushOutcomeStore}).
 *
 * <p>Threading and backpressure: {@link #stored} only offers to a bounded queue ({@link
 * Config#queueCapacity()}) and never blocks; when the queue is full the message is not pushed and
 * {@link PushStats#dropped()} counts it. One thread of its own drains the queue, reads presence,
 * devices, names and badges (blocking) and starts sends; at most {@link Config#maxInFlight()} sends
 * are outstanding, over all push types. Pushes are a doorbell, not a promise: pending ones are lost
 * when the node stops, and coalescing is per node. Thread-safe.
 */
public final class PushDispatcher implements StoredMessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

  /** Entries of the coalescing map above which stale ones are swept. */
  private static final int SWEEP_ABOVE = 10_000;

  /**
   * Tuning. Immutable.
   *
   * @param queueCapacity most jobs waiting for the dispatcher thread
   * @param coalesceWindow at most one push per conversation per device within this time
   * @param maxAttempts attempts per push, the first included
   * @param firstBackoff wait before the second attempt; doubled for each further one
   * @param maxInFlight most sends awaiting an answer from the push services
   * @param preview how much of the message a push carries (setting {@code push-preview})
   */
  public record Config(
      int queueCapacity,
      Duration coalesceWindow,
      int maxAttempts,
      Duration firstBackoff,
      int maxInFlight,
      PushPreview preview) {
    public Config {
      if (queueCapacity < 1 || maxAttempts < 1 || maxInFlight < 1) {
        throw new IllegalArgumentException("queueCapacity, maxAttempts, maxInFlight must be >= 1");
      }
      Objects.requireNonNull(coalesceWindow, "coalesceWindow");
      Objects.requireNonNull(firstBackoff, "firstBackoff");
      Objects.requireNonNull(preview, "preview");
    }

    /** Without previews. */
    public Config(
        int queueCapacity,
        Duration coalesceWindow,
        int maxAttempts,
        Duration firstBackoff,
        int maxInFlight) {
      this(queueCapacity, coalesceWindow, maxAttempts, firstBackoff, maxInFlight, PushPreview.NONE);
    }

    /** 10,000 queued, 10 s window (PROTOCOL.md), 4 attempts from 1 s, 64 in flight, no preview. */
    public static Config defaults() {
      return new Config(10_000, Duration.ofSeconds(10), 4, Duration.ofSeconds(1), 64);
    }

    /** The same with another preview. */
    public Config withPreview(PushPreview p) {
      return new Config(queueCapacity, coalesceWindow, maxAttempts, firstBackoff, maxInFlight, p);
    }
  }

  private sealed interface Job {}

  private record Decide(Message message, List<String> userIds) implements Job {}

  private record Deliver(
      String deviceId, Device.PushSubscription subscription, PushMessage message, int n)
      implements Job {}

  private final AccountStore accounts;
  private final PresenceRegistry presence;
  private final PushSender sender;
  private final PushOutcomeStore outcomes;
  private final PushDirectory directory;
  private final Clock clock;
  private final Timers timers;
  private final PushStats stats;
  private final Config config;
  private final BlockingQueue<Job> queue;
  private final Semaphore inFlight;
  private final Thread thread;

  /** Last push time (ms) by device and conversation; touched by the dispatcher thread only. */
  private final Map<String, Long> lastPush = new HashMap<>();

  private volatile boolean closed;

  /**
   * Starts the dispatcher thread (made by {@code threads}).
   *
   * @param outcomes records each device's last success and error, deletes invalid subscriptions
   * @param directory display names (previews) and unread totals (APNs badges)
   * @param timers schedules retries
   */
  public PushDispatcher(
      AccountStore accounts,
      PresenceRegistry presence,
      PushSender sender,
      PushOutcomeStore outcomes,
      PushDirectory directory,
      Clock clock,
      Timers timers,
      PushStats stats,
      Config config,
      ThreadFactory threads) {
    this.accounts = accounts;
    this.presence = presence;
    this.sender = sender;
    this.outcomes = outcomes;
    this.directory = directory;
    this.clock = clock;
    this.timers = timers;
    this.stats = stats;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.inFlight = new Semaphore(config.maxInFlight());
    this.thread = threads.newThread(this::loop);
    this.thread.start();
  }

  /** The counters this dispatcher updates. */
  public PushStats stats() {
    return stats;
  }

  /**
   * Queues the push decision for a stored message; returns at once. Members who muted the
   * conversation get none unless the message mentions them (PROTOCOL.md section 5); only {@code
   * text} messages push (update entries never do).
   */
  @Override
  public void stored(Message message, List<Member> members) {
    if (message.kind() != Message.Kind.TEXT) {
      return;
    }
    long now = clock.millis();
    List<String> mentioned = message.details().mentions();
    List<String> others =
        members.stream()
            .filter(m -> !m.settings().mutedAt(now) || mentioned.contains(m.userId()))
            .map(Member::userId)
            .filter(u -> !u.equals(message.senderId()))
            .toList();
    if (!others.isEmpty()) {
      offer(new Decide(message, others));
    }
  }

  private void offer(Job job) {
    if (closed || !queue.offer(job)) {
      stats.dropped1();
    }
  }

  private void loop() {
    while (!closed) {
      Job job;
      try {
        job = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (job == null) {
        continue;
      }
      try {
        if (job instanceof Decide d) {
          decide(d);
        } else if (job instanceof Deliver d) {
          deliver(d);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("push job failed", e);
      }
    }
  }

  private void decide(Decide d) throws InterruptedException {
    Message m = d.message();
    long now = clock.millis();
    if (lastPush.size() > SWEEP_ABOVE) {
      long window = config.coalesceWindow().toMillis();
      lastPush.values().removeIf(at -> now - at >= window);
    }
    PushMessage base = null;
    for (String userId : d.userIds()) {
      if (presence.isOnline(userId)) {
        continue;
      }
      long badge = -1;
      for (Device device : accounts.devicesOf(userId)) {
        if (device.push() == null) {
          continue;
        }
        String key = device.id() + "|" + m.conversationId();
        Long last = lastPush.get(key);
        if (last != null && now - last < config.coalesceWindow().toMillis()) {
          stats.coalesced1();
          continue;
        }
        lastPush.put(key, now);
        if (base == null) {
          base = message(m);
        }
        PushMessage out = base;
        if (device.push().kind() == Kind.APNS) {
          if (badge < 0) {
            badge = directory.unreadTotal(userId);
          }
          out = base.withBadge(badge);
        }
        deliver(new Deliver(device.id(), device.push(), out, 1));
      }
    }
  }

  /** The push for {@code m}, with as much preview as the configuration allows. */
  private PushMessage message(Message m) {
    String name = null;
    String body = null;
    if (config.preview() != PushPreview.NONE) {
      name = directory.displayName(m.senderId());
    }
    if (config.preview() == PushPreview.FULL && m.body() != null && !m.body().isEmpty()) {
      body = PushMessage.preview(m.body());
    }
    return new PushMessage(m.conversationId(), m.seq(), m.senderId(), name, body, -1);
  }

  private void deliver(Deliver d) throws InterruptedException {
    inFlight.acquire();
    try {
      sender
          .send(d.subscription(), d.message())
          .whenComplete(
              (r, err) -> {
                inFlight.release();
                answered(d, err != null ? PushResult.ofStatus(0, null) : r);
              });
    } catch (RuntimeException e) {
      inFlight.release();
      LOG.warn("push sender failed", e);
      answered(d, PushResult.ofStatus(0, null));
    }
  }

  private void answered(Deliver d, PushResult r) {
    Kind kind = d.subscription().kind();
    switch (r.outcome()) {
      case SENT -> {
        stats.count1(kind, PushStats.Counted.SENT);
        record(outcomes.setPushOutcome(d.deviceId(), clock.millis(), null));
      }
      case EXPIRED -> {
        stats.count1(kind, PushStats.Counted.EXPIRED);
        String why = reason(r) + ": the push service no longer knows this subscription; deleted";
        record(outcomes.dropPush(d.deviceId(), d.subscription().endpoint(), why));
      }
      case RETRY -> {
        if (d.n() >= config.maxAttempts() || closed) {
          failed(d, r, "still failing after " + d.n() + " attempts");
          return;
        }
        stats.count1(kind, PushStats.Counted.RETRIED);
        Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(20, d.n() - 1));
        if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) {
          wait =
              r.retryAfter().compareTo(Duration.ofHours(1)) > 0
                  ? Duration.ofHours(1)
                  : r.retryAfter();
        }
        Deliver next = new Deliver(d.deviceId(), d.subscription(), d.message(), d.n() + 1);
        timers.schedule(wait, () -> offer(next));
      }
      case FAILED -> failed(d, r, "refused");
    }
  }

  private void failed(Deliver d, PushResult r, String what) {
    stats.count1(d.subscription().kind(), PushStats.Counted.FAILED);
    LOG.info("push to device {} {}: {}", d.deviceId(), what, reason(r));
    record(outcomes.setPushOutcome(d.deviceId(), 0, reason(r) + " (" + what + ")"));
  }

  private static String reason(PushResult r) {
    return r.reason() != null ? r.reason() : PushResult.describe(r.status());
  }

  private static void record(java.util.concurrent.CompletableFuture<Void> write) {
    write.exceptionally(
        e -> {
          LOG.warn("could not record a push outcome", e);
          return null;
        });
  }

  /** Stops the thread; queued and scheduled pushes are dropped. Idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
