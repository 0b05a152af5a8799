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

  private final Map<String, List<Consumer<BusEvent>>> handlers = new ConcurrentHashMap<>();

  @Override
  public void publish(String topic, BusEvent event) {
    List<Consumer<BusEvent>> list = handlers.get(topic);
    if (list == null) {
      return;
    }
    for (Consumer<BusEvent> h : list) {
      try {
        h.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("bus handler for {} failed", topic, e);
      }
    }
  }

  @Override
  public Subscription subscribe(String topic, Consumer<BusEvent> handler) {
    handlers.compute(
        topic,
        (t, list) -> {
          List<Consumer<BusEvent>> l = list == null ? new CopyOnWriteArrayList<>() : list;
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
