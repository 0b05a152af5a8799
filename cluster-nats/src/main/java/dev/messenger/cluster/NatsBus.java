package dev.messenger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster {@link Bus} on NATS core pub/sub, addressed per node, not per user (scaling.md
 * "NATS"): a node subscribes to its own subject {@code messenger.node.<node>}, one {@code
 * messenger.presence} and one {@code messenger.missed.<node>}, whatever its number of users.
 *
 * <ul>
 *   <li>{@code user.<id>} events go to the subscribers on this node directly and, through the
 *       {@link Outbox}, to each other node the {@link NatsPresenceRegistry} lists for the user: one
 *       envelope per node for all its recipients ({@link #publishToUsers}). Envelopes are numbered
 *       per (source, target); the {@link Inbox} finds lost ones and asks the source for them, so a
 *       NATS reconnect catches up only the conversations that missed doorbells. A user whose first
 *       connection on another node is heard of after a doorbell went out gets the doorbells of the
 *       last 10 s sent again ({@link RecentDoorbells}).
 *   <li>{@code presence.<id>} events go to local subscribers at once and to the other nodes in
 *       batches every {@value #PRESENCE_BATCH_MILLIS} ms on {@code messenger.presence} ({@link
 *       PresenceBatches}); at most once.
 *   <li>Any other topic {@code T} (membership changes) is the subject {@code messenger.T}, heard by
 *       every node that subscribed to it; at most once.
 * </ul>
 *
 * <p>Handlers run on the publishing thread (local recipients) or on the NATS dispatcher thread and
 * must not block. {@link #onEventsLost} actions run when lost doorbells cannot be given back.
 * Thread-safe.
 */
public final class NatsBus implements Bus, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsBus.class);
  private static final String PREFIX = "messenger.";
  static final long PRESENCE_BATCH_MILLIS = 100;
  private static final long MARK_MILLIS = 1000;

  private final NatsConnection connection;
  private final NatsPresenceRegistry routes;
  private final String self;
  private final Dispatcher dispatcher;
  private final Outbox outbox;
  private final Inbox inbox;
  private final RecentDoorbells recent = new RecentDoorbells();
  private final PresenceBatches presence;
  private final ScheduledExecutorService timer;
  private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
  private final List<Runnable> onLost = new CopyOnWriteArrayList<>();
  private final AtomicBoolean lostPending = new AtomicBoolean();
  private final Object flushLock = new Object();
  private final AtomicLong subscriptionsSent = new AtomicLong();
  private long flushedUpTo;

  /**
   * One subscription's handler. Compared by identity, so that cancelling one of two subscriptions
   * of the same handler (twice, even) removes that one only.
   */
  private static final class Handler {
    final Consumer<BusEvent> consumer;

    Handler(Consumer<BusEvent> consumer) {
      this.consumer = consumer;
    }
  }

  /** A bus on {@code connection} that routes users' events by {@code routes}. */
  public NatsBus(NatsConnection connection, NatsPresenceRegistry routes) {
    this.connection = connection;
    this.routes = routes;
    this.self = routes.nodeId();
    long epoch = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    this.outbox = new Outbox(self, epoch, connection::nats);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bus-timer");
              t.setDaemon(true);
              return t;
            });
    this.inbox = new Inbox(self, connection::nats, this::deliverEnvelope, this::eventsLost, timer);
    this.presence = new PresenceBatches(self, connection::nats, PREFIX + "presence");
    Connection nc = connection.nats();
    this.dispatcher = nc.createDispatcher(this::onMessage);
    dispatcher.subscribe(Outbox.subject(self));
    dispatcher.subscribe(PREFIX + "presence");
    dispatcher.subscribe(Outbox.missedSubject(self), this::onMissedRequest);
    routes.onRoute(this::replay);
    timer.scheduleAtFixedRate(
        presence::flush, PRESENCE_BATCH_MILLIS, PRESENCE_BATCH_MILLIS, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(() -> outbox.mark(true), MARK_MILLIS, MARK_MILLIS, MS);
    timer.scheduleAtFixedRate(
        () -> recent.sweep(System.currentTimeMillis()), 5_000, 5_000, TimeUnit.MILLISECONDS);
    connection.onReconnect(() -> timer.execute(this::caughtUp));
    flushOnce();
  }

  private static final TimeUnit MS = TimeUnit.MILLISECONDS;

  @Override
  public void publish(String topic, BusEvent event) {
    if (topic.startsWith("user.")) {
      publishToUsers(List.of(topic.substring("user.".length())), event);
    } else if (topic.startsWith("presence.") && event instanceof BusEvent.PresenceChanged p) {
      deliverLocal(topic, event);
      presence.add(p);
    } else {
      connection.nats().publish(PREFIX + topic, EventCodec.encode(event));
    }
  }

  /**
   * Rings each user's doorbell: local subscribers now, then one envelope per other node where any
   * of the users has connections. Remembered first, so a route heard of meanwhile replays it.
   */
  @Override
  public void publishToUsers(Collection<String> userIds, BusEvent event) {
    long now = System.currentTimeMillis();
    Map<String, List<String>> byNode = new HashMap<>();
    for (String u : userIds) {
      RecentDoorbells.Routed routed = recent.remember(u, event, now);
      List<String> nodes = routes.nodesOf(u);
      routed.to(nodes);
      for (String node : nodes) {
        if (!node.equals(self)) {
          byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(u);
        }
      }
      deliverLocal(Topics.user(u), event);
    }
    byNode.forEach((node, users) -> outbox.send(node, users, event));
  }

  @Override
  public Subscription subscribe(String topic, Consumer<BusEvent> consumer) {
    Handler handler = new Handler(consumer);
    boolean routed = topic.startsWith("user.") || topic.startsWith("presence.");
    handlers.compute(
        topic,
        (t, list) -> {
          List<Handler> l = list;
          if (l == null) {
            l = new CopyOnWriteArrayList<>();
            if (!routed) {
              dispatcher.subscribe(PREFIX + t);
              subscriptionsSent.incrementAndGet();
            }
          }
          l.add(handler);
          return l;
        });
    return () ->
        handlers.computeIfPresent(
            topic,
            (t, list) -> {
              list.remove(handler);
              if (list.isEmpty()) {
                if (!routed) {
                  dispatcher.unsubscribe(PREFIX + t);
                }
                return null;
              }
              return list;
            });
  }

  /**
   * Returns once the NATS subscriptions of broadcast topics made before the call are in effect.
   * Users' topics need none: their doorbells reach this node once the registry lists the user here.
   */
  @Override
  public void awaitSubscriptions() {
    // One flush at a time: each is a PING, and many at once exceed jnats' outstanding-ping limit.
    long mine = subscriptionsSent.get();
    synchronized (flushLock) {
      if (flushedUpTo >= mine) {
        return;
      }
      long covered = subscriptionsSent.get();
      flushOnce();
      flushedUpTo = covered;
    }
  }

  private void flushOnce() {
    try {
      connection.nats().flush(java.time.Duration.ofSeconds(5));
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("NATS did not answer a flush within 5 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Registers an action run after NATS reconnected (broadcast events may have been lost). */
  @Override
  public void onReconnect(Runnable action) {
    connection.onReconnect(action);
  }

  @Override
  public void onEventsLost(Runnable action) {
    onLost.add(action);
  }

  /** Envelopes given back after a loss, so far. */
  public long recovered() {
    return inbox.recovered();
  }

  /** Times lost doorbells could not be given back and every session re-checked the store. */
  public long fallbacks() {
    return inbox.fallbacks();
  }

  /** Presence changes dropped on a full batch queue. */
  public long presenceDropped() {
    return presence.dropped();
  }

  Outbox outboxForTests() {
    return outbox;
  }

  private void caughtUp() {
    outbox.mark(false);
    inbox.askAll(routes.liveNodes());
  }

  private void eventsLost() {
    // Several losses found together (one per source after a reconnect) make one re-check.
    if (lostPending.compareAndSet(false, true)) {
      timer.schedule(
          () -> {
            lostPending.set(false);
            for (Runnable r : onLost) {
              try {
                r.run();
              } catch (RuntimeException e) {
                LOG.warn("events-lost action failed", e);
              }
            }
          },
          50,
          MS);
    }
  }

  /** The user's first connection on {@code node} was heard of: send it the recent doorbells. */
  private void replay(String user, String node) {
    List<BusEvent> events = recent.of(user, node, System.currentTimeMillis());
    for (BusEvent e : events) {
      outbox.send(node, List.of(user), e);
    }
  }

  private void onMissedRequest(Message msg) {
    try {
      connection.nats().publish(msg.getReplyTo(), outbox.answer(msg.getData()));
    } catch (Exception e) {
      LOG.warn("cannot answer a request for lost doorbells", e);
    }
  }

  private void onMessage(Message msg) {
    String subject = msg.getSubject();
    try {
      if (subject.equals(Outbox.subject(self))) {
        inbox.onEnvelope(EventCodec.parse(msg.getData()));
      } else if (subject.equals(PREFIX + "presence")) {
        presence.received(msg.getData(), this::deliverLocal);
      } else {
        String topic = subject.substring(PREFIX.length());
        deliverLocal(topic, EventCodec.decode(msg.getData()));
      }
    } catch (Exception e) {
      LOG.warn("dropping an undecodable message on {}", subject, e);
    }
  }

  private void deliverEnvelope(JsonNode env) {
    BusEvent event;
    try {
      event = EventCodec.fromTree(env.get("e"));
    } catch (Exception e) {
      LOG.warn("dropping an undecodable envelope", e);
      return;
    }
    for (JsonNode u : env.path("u")) {
      deliverLocal(Topics.user(u.asText()), event);
    }
  }

  private void deliverLocal(String topic, BusEvent event) {
    List<Handler> list = handlers.get(topic);
    if (list == null) {
      return;
    }
    for (Handler h : list) {
      try {
        h.consumer.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("bus handler for {} failed", topic, e);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
