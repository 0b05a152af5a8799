package dev.messenger.core.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node {@link Bus}: handlers are called on the publishing thread, in subscription order.
 * Never loses an event while the handler is subscribed. Thread-safe.
 */
public final class InProcessBus implements Bus {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessBus.class);

  private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();

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

  @Override
  public void publish(String topic, BusEvent event) {
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
  public Subscription subscribe(String topic, Consumer<BusEvent> consumer) {
    Handler handler = new Handler(consumer);
    handlers.compute(
        topic,
        (t, list) -> {
          List<Handler> l = list == null ? new CopyOnWriteArrayList<>() : list;
          l.add(handler);
          return l;
        });
    return () ->
        handlers.computeIfPresent(
            topic,
            (t, list) -> {
              list.remove(handler);
              return list.isEmpty() ? null : list;
            });
  }
}
