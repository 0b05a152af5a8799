package dev.messenger.cluster;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster {@link Bus} on NATS core pub/sub: topic {@code T} is subject {@code messenger.T}.
 * <b>At most once</b>: an event published while NATS is unreachable may be lost (jnats buffers what
 * it can and sends it on reconnect); after a reconnect the {@link #onReconnect} actions run so
 * sessions re-check the store. Events published by one node to one topic arrive in order. One NATS
 * subscription per topic with local handlers, all called on one dispatcher thread. Thread-safe.
 */
public final class NatsBus implements Bus {
  private static final Logger LOG = LoggerFactory.getLogger(NatsBus.class);
  private static final String PREFIX = "messenger.";

  private final NatsConnection connection;
  private final Dispatcher dispatcher;
  private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
  private final Object flushLock = new Object();
  private final java.util.concurrent.atomic.AtomicLong subscriptionsSent =
      new java.util.concurrent.atomic.AtomicLong();
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

  public NatsBus(NatsConnection connection) {
    this.connection = connection;
    Connection nc = connection.nats();
    this.dispatcher = nc.createDispatcher(this::onMessage);
  }

  @Override
  public void publish(String topic, BusEvent event) {
    connection.nats().publish(PREFIX + topic, EventCodec.encode(event));
  }

  @Override
  public Subscription subscribe(String topic, Consumer<BusEvent> consumer) {
    Handler handler = new Handler(consumer);
    handlers.compute(
        topic,
        (t, list) -> {
          List<Handler> l = list;
          if (l == null) {
            l = new CopyOnWriteArrayList<>();
            dispatcher.subscribe(PREFIX + t);
            subscriptionsSent.incrementAndGet();
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
                dispatcher.unsubscribe(PREFIX + t);
                return null;
              }
              return list;
            });
  }

  /** A round trip to the NATS server: every SUB sent before it has been processed. */
  @Override
  public void awaitSubscriptions() {
    // One flush at a time: each is a PING, and many at once (a connect storm) exceed jnats'
    // outstanding-ping limit, which it takes for a dead server and reconnects.
    // A flush covers every SUB sent before it began: callers whose SUB an earlier flush covered
    // return at once, so a storm of connects costs a few flushes, not one each.
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

  @Override
  public void onReconnect(Runnable action) {
    connection.onReconnect(action);
  }

  private void onMessage(Message msg) {
    String topic = msg.getSubject().substring(PREFIX.length());
    List<Handler> list = handlers.get(topic);
    if (list == null) {
      return;
    }
    BusEvent event;
    try {
      event = EventCodec.decode(msg.getData());
    } catch (Exception e) {
      LOG.warn("dropping an undecodable event on {}", msg.getSubject(), e);
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
}
