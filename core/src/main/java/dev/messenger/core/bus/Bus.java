package dev.messenger.core.bus;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Publish/subscribe by topic, used as a doorbell: <b>at most once</b> delivery, in publish order
 * for events published by one thread to one topic. A lost event loses nothing durable: sessions
 * fill gaps from the store. Topics are made by {@link Topics}. Implementations are thread-safe;
 * handlers run on an implementation thread and must not block. A handler that throws is logged and
 * does not keep the event from the other handlers, nor later events from it. A subscription sees
 * only events published after it is in effect (no replay).
 */
public interface Bus {
  /** A live subscription. */
  interface Subscription {
    /**
     * Stops delivery to the handler of this subscription (other subscriptions, even of the same
     * handler, go on); idempotent.
     */
    void cancel();
  }

  void publish(String topic, BusEvent event);

  /**
   * Publishes {@code event} to the topic {@link Topics#user} of each user: the fan-out of one
   * commit. An adapter may carry it as one copy per node rather than one per user.
   */
  default void publishToUsers(Collection<String> userIds, BusEvent event) {
    for (String u : userIds) {
      publish(Topics.user(u), event);
    }
  }

  Subscription subscribe(String topic, Consumer<BusEvent> handler);

  /**
   * Returns once every subscription made before the call is in effect: an event published after
   * this returns reaches it. Blocks (call it off the event loop). The in-process bus is always in
   * effect.
   */
  default void awaitSubscriptions() {}

  /**
   * Registers an action run after the bus lost and regained its connection (events may have been
   * lost meanwhile). The in-process bus never calls it.
   */
  default void onReconnect(Runnable action) {}

  /**
   * Registers an action run when users' events may have been lost and the bus cannot give them
   * back: sessions then re-check the store. The in-process bus never loses one; the NATS bus
   * recovers most losses itself and runs this only as a fallback.
   */
  default void onEventsLost(Runnable action) {}
}
