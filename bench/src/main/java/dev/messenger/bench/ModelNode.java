package dev.messenger.bench;

import dev.messenger.cluster.NatsBus;
import dev.messenger.cluster.NatsConnection;
import dev.messenger.cluster.NatsPresenceRegistry;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.bus.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated node of {@link ClusterModelCommand}: a NATS connection with the real {@link
 * NatsBus} and {@link NatsPresenceRegistry}, and per online user what a chat session does on the
 * bus and in the registry (doorbell subscription, presence watches, online/offline announcements),
 * without a socket. Thread-safe.
 */
final class ModelNode implements AutoCloseable {
  private final NatsConnection connection;
  private final NatsBus bus;
  private final NatsPresenceRegistry registry;
  private final Fanout fanout;
  private final AtomicLong deliveries;
  private final Map<String, List<Bus.Subscription>> sessions = new ConcurrentHashMap<>();

  ModelNode(String url, String nodeId, long heartbeatMillis, String bucket, AtomicLong deliveries)
      throws IOException {
    this.connection = NatsConnection.connect(url, "model-" + nodeId);
    this.registry =
        new NatsPresenceRegistry(connection, nodeId, Duration.ofMillis(heartbeatMillis), bucket);
    this.bus = new NatsBus(connection, registry);
    this.fanout = new Fanout(bus);
    this.deliveries = deliveries;
  }

  Fanout fanout() {
    return fanout;
  }

  /** A session of {@code userId} opens: doorbell subscription, watches, presence. */
  void connect(String userId, List<String> watches) {
    List<Bus.Subscription> subs = new ArrayList<>();
    subs.add(bus.subscribe(Topics.user(userId), e -> deliveries.incrementAndGet()));
    for (String w : watches) {
      subs.add(bus.subscribe(Topics.presence(w), e -> {}));
    }
    sessions.put(userId, subs);
    if (registry.connect(userId, userId)) {
      bus.publish(
          Topics.presence(userId),
          new BusEvent.PresenceChanged(userId, true, System.currentTimeMillis()));
    }
  }

  /** The session of {@code userId} closes. */
  void disconnect(String userId) {
    List<Bus.Subscription> subs = sessions.remove(userId);
    if (subs != null) {
      subs.forEach(Bus.Subscription::cancel);
    }
    if (registry.disconnect(userId, userId)) {
      bus.publish(
          Topics.presence(userId),
          new BusEvent.PresenceChanged(userId, false, System.currentTimeMillis()));
    }
  }

  @Override
  public void close() {
    bus.close();
    registry.close();
    connection.close();
  }
}
