package dev.messenger.core.bus;

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
}
