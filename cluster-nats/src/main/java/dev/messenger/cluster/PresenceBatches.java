package dev.messenger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import io.nats.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence changes between nodes, batched: every {@link NatsBus#PRESENCE_BATCH_MILLIS} ms one
 * message {@code {src, p: [{u, on, at}, ...]}} on {@code messenger.presence}, heard by every node,
 * which hands each change to its own watchers of that user. The cost is a few messages per node per
 * second whatever the number of users (a per-user subject would cost one NATS subscription per
 * watched user on every node). At most once, like every presence event; a lost change is corrected
 * by the next one or by {@code presence.subscribe}.
 *
 * <p>Bounded: {@value #MAX_PENDING} changes wait for the next batch; beyond that a change is
 * dropped (counted in {@link #dropped}). A batch holds at most {@value #MAX_BATCH} changes (~60
 * KiB). Thread-safe.
 */
final class PresenceBatches {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceBatches.class);
  static final int MAX_PENDING = 50_000;
  static final int MAX_BATCH = 1_000;

  private final String self;
  private final Supplier<Connection> nats;
  private final String subject;
  private final BlockingQueue<BusEvent.PresenceChanged> pending =
      new ArrayBlockingQueue<>(MAX_PENDING);
  private final AtomicLong dropped = new AtomicLong();

  PresenceBatches(String self, Supplier<Connection> nats, String subject) {
    this.self = self;
    this.nats = nats;
    this.subject = subject;
  }

  void add(BusEvent.PresenceChanged change) {
    if (!pending.offer(change)) {
      dropped.incrementAndGet();
    }
  }

  long dropped() {
    return dropped.get();
  }

  /** Publishes what waits, in batches of at most {@value #MAX_BATCH}. */
  void flush() {
    List<BusEvent.PresenceChanged> batch = new ArrayList<>();
    while (pending.drainTo(batch, MAX_BATCH) > 0) {
      ObjectNode o = EventCodec.object().put("src", self);
      ArrayNode p = o.putArray("p");
      for (BusEvent.PresenceChanged c : batch) {
        p.addObject().put("u", c.userId()).put("on", c.online()).put("at", c.lastSeen());
      }
      try {
        nats.get().publish(subject, EventCodec.bytes(o));
      } catch (RuntimeException e) {
        LOG.debug("cannot publish a presence batch: {}", e.toString());
      }
      batch.clear();
    }
  }

  /** A batch from any node: each change of another node goes to {@code local(topic, event)}. */
  void received(byte[] data, BiConsumer<String, BusEvent> local) throws IOException {
    JsonNode o = EventCodec.parse(data);
    if (self.equals(o.path("src").asText())) {
      return;
    }
    for (JsonNode c : o.path("p")) {
      String u = c.path("u").asText();
      local.accept(
          Topics.presence(u),
          new BusEvent.PresenceChanged(u, c.path("on").asBoolean(), c.path("at").asLong()));
    }
  }
}
