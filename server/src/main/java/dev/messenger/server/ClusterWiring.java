package dev.messenger.server;

import dev.messenger.cluster.NatsBus;
import dev.messenger.cluster.NatsConnection;
import dev.messenger.cluster.NatsPresenceRegistry;
import dev.messenger.core.bus.Bus;
import dev.messenger.server.metrics.Metrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster parts of {@link MessengerNode}'s wiring: when sessions re-check the store, and the
 * NATS and bus metrics. Stateless.
 */
final class ClusterWiring {
  private ClusterWiring() {}

  /**
   * Runs {@code recheckAll} for the doorbells the bus could not give back (a reconnect recovers the
   * others by itself), a dead node's last ones, and this node's own while the others took it for
   * dead. {@code registry} is null on one node.
   */
  static void recheckWhenEventsLost(Bus bus, NatsPresenceRegistry registry, Runnable recheckAll) {
    bus.onEventsLost(recheckAll);
    if (registry != null) {
      registry.onNodeLost(recheckAll);
      registry.onRoutesDropped(recheckAll);
    }
  }

  /** NATS reconnects and connection state, lost doorbells given back and fallbacks (cluster). */
  static void metrics(Metrics metrics, NatsConnection nats, NatsBus bus) {
    if (nats != null && bus != null) {
      var reconnects = new AtomicLong();
      bus.onReconnect(reconnects::incrementAndGet);
      metrics.counterFn("messenger.nats.reconnects", "reconnects to NATS", reconnects::get);
      metrics.gauge(
          "messenger.nats.connected", "1 while NATS is connected", () -> nats.connected() ? 1 : 0);
      metrics.counterFn(
          "messenger.bus.recovered", "doorbells given back after a loss", bus::recovered);
      metrics.counterFn(
          "messenger.bus.fallbacks",
          "losses not given back: every session re-checked the store",
          bus::fallbacks);
    }
  }
}
