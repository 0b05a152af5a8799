package dev.messenger.core.push;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Device;
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
 * Decides whom to push and sends it, off the send path (PROTOCOL.md "Push"; DESIGN.md "The send
 * path", step 5).
 *
 * <p>For every stored message ({@link #stored}, called after the commit), each other member with no
 * connected device anywhere ({@link PresenceRegistry#isOnline}) gets a push on each of its devices
 * that has a subscription: payload {@link PushPayload}. A device gets at most one push per
 * conversation per {@link Config#coalesceWindow()}; later ones inside the window are dropped (the
 * first already says "open this conversation"). A {@link PushResult.Outcome#RETRY} is tried again
 * after {@link Config#firstBackoff()}, doubling each time (or after the service's {@code
 * Retry-After} when longer), up to {@link Config#maxAttempts()} attempts; {@link
 * PushResult.Outcome#EXPIRED} deletes the subscription (unless the device has subscribed anew).
 *
 * <p>Threading and backpressure: {@link #stored} only offers to a bounded queue ({@link
 * Config#queueCapacity()}) and never blocks; when the queue is full the message is not pushed and
 * {@link PushStats#dropped()} counts it. One thread of its own drains the queue, reads presence and
 * devices (blocking) and starts sends; at most {@link Config#maxInFlight()} sends are outstanding.
 * Pushes are a doorbell, not a promise: pending ones are lost when the node stops, and coalescing
 * is per node. Thread-safe.
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
   */
  public record Config(
      int queueCapacity,
      Duration coalesceWindow,
      int maxAttempts,
      Duration firstBackoff,
      int maxInFlight) {
    public Config {
      if (queueCapacity < 1 || maxAttempts < 1 || maxInFlight < 1) {
        throw new IllegalArgumentException("queueCapacity, maxAttempts, maxInFlight must be >= 1");
      }
      Objects.requireNonNull(coalesceWindow, "coalesceWindow");
      Objects.requireNonNull(firstBackoff, "firstBackoff");
    }

    /** 10,000 queued, 10 s window (PROTOCOL.md), 4 attempts from 1 s, 64 in flight. */
    public static Config defaults() {
      return new Config(10_000, Duration.ofSeconds(10), 4, Duration.ofSeconds(1), 64);
    }
  }

  private sealed interface Job {}

  private record Decide(Message message, List<String> userIds) implements Job {}

  private record Deliver(
      String deviceId, Device.PushSubscription subscription, String topic, byte[] payload, int n)
      implements Job {}

  private record Expire(String deviceId, String endpoint) implements Job {}

  private final AccountStore accounts;
  private final PresenceRegistry presence;
  private final PushSender sender;
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
   * @param timers schedules retries
   */
  public PushDispatcher(
      AccountStore accounts,
      PresenceRegistry presence,
      PushSender sender,
      Clock clock,
      Timers timers,
      PushStats stats,
      Config config,
      ThreadFactory threads) {
    this.accounts = accounts;
    this.presence = presence;
    this.sender = sender;
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
        } else if (job instanceof Expire x) {
          expire(x);
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
    byte[] payload = null;
    for (String userId : d.userIds()) {
      if (presence.isOnline(userId)) {
        continue;
      }
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
        if (payload == null) {
          payload = PushPayload.of(m);
        }
        deliver(new Deliver(device.id(), device.push(), m.conversationId(), payload, 1));
      }
    }
  }

  private void deliver(Deliver d) throws InterruptedException {
    inFlight.acquire();
    try {
      sender
          .send(d.subscription(), d.payload(), d.topic())
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
    switch (r.outcome()) {
      case SENT -> stats.sent1();
      case EXPIRED -> {
        stats.expired1();
        offer(new Expire(d.deviceId(), d.subscription().endpoint()));
      }
      case RETRY -> {
        if (d.n() >= config.maxAttempts() || closed) {
          stats.failed1();
          return;
        }
        stats.retried1();
        Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(20, d.n() - 1));
        if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) {
          wait =
              r.retryAfter().compareTo(Duration.ofHours(1)) > 0
                  ? Duration.ofHours(1)
                  : r.retryAfter();
        }
        Deliver next =
            new Deliver(d.deviceId(), d.subscription(), d.topic(), d.payload(), d.n() + 1);
        timers.schedule(wait, () -> offer(next));
      }
      case FAILED -> {
        stats.failed1();
        LOG.info("push to device {} refused with {}", d.deviceId(), r.status());
      }
    }
  }

  /** Deletes a dead subscription, unless the device has subscribed with another endpoint since. */
  private void expire(Expire x) {
    accounts
        .device(x.deviceId())
        .filter(dev -> dev.push() != null && dev.push().endpoint().equals(x.endpoint()))
        .ifPresent(dev -> accounts.setPush(dev.id(), null).join());
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
