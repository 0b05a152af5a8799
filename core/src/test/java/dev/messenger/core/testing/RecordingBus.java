package dev.messenger.core.testing;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.InProcessBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Bus} that records every publish, in order, and also delivers it to the subscribers
 * synchronously on the publishing thread, like {@link InProcessBus}. {@link #reconnect()} runs the
 * {@link #onReconnect} actions, as a bus that lost its connection would. Thread-safe.
 */
public final class RecordingBus implements Bus {
  /** One publish: the topic and the event. */
  public record Published(String topic, BusEvent event) {}

  private final InProcessBus delivery = new InProcessBus();
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String topic, BusEvent event) {
    published.add(new Published(topic, event));
    delivery.publish(topic, event);
  }

  @Override
  public Subscription subscribe(String topic, Consumer<BusEvent> handler) {
    return delivery.subscribe(topic, handler);
  }

  @Override
  public void onReconnect(Runnable action) {
    reconnectActions.add(action);
  }

  /** Runs the actions registered with {@link #onReconnect}, as after a lost connection. */
  public void reconnect() {
    reconnectActions.forEach(Runnable::run);
  }

  /** Every publish so far, oldest first. */
  public List<Published> published() {
    return List.copyOf(published);
  }

  /** Every event published so far, oldest first. */
  public List<BusEvent> events() {
    return published.stream().map(Published::event).toList();
  }

  /** The events published to {@code topic}, oldest first. */
  public List<BusEvent> eventsOn(String topic) {
    return published.stream().filter(p -> p.topic().equals(topic)).map(Published::event).toList();
  }

  /** The events of one type, oldest first. */
  public <T extends BusEvent> List<T> eventsOfType(Class<T> type) {
    return published.stream()
        .map(Published::event)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The events of one type published to {@code topic}, oldest first. */
  public <T extends BusEvent> List<T> eventsOn(String topic, Class<T> type) {
    return published.stream()
        .filter(p -> p.topic().equals(topic))
        .map(Published::event)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The topics {@code event} (by identity) was published to, in order. */
  public List<String> topicsOf(BusEvent event) {
    List<String> out = new ArrayList<>();
    for (Published p : published) {
      if (p.event() == event) {
        out.add(p.topic());
      }
    }
    return out;
  }

  /** Forgets what was recorded so far (subscriptions stay). */
  public void clear() {
    published.clear();
  }
}
