package dev.messenger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.bus.BusEvent;
import io.nats.client.Connection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of this node's doorbell links: one numbered stream of envelopes per target node
 * on the subject {@code messenger.node.<target>}. An envelope is {@code {src, ep, n, u, e}}: this
 * node, its epoch (one per process life), the link's sequence number (1, 2, 3, ...), the target's
 * users it is for, and the event. A mark ({@code {src, ep, n, mark: true}}) tells the target the
 * link's last number, so that it finds a loss even when nothing follows it.
 *
 * <p>The last {@value #RING} envelopes of each link are kept, so that a target that found a gap
 * asks for them ({@link #answer}) instead of re-reading the store for every session: messages and
 * device revocations are kept whole, receipts and typing (which a later one supersedes) only as
 * numbers. Memory: at most {@value #RING} envelopes (~0.5 KiB each) per target node. Overflow
 * action: the oldest is dropped; a target asking for it is told the range is lost and re-checks
 * every session. Thread-safe; each link's numbering and publishing happen under its own lock, so
 * envelopes of one link leave in number order.
 */
final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** Envelopes kept per target node for retransmission. */
  static final int RING = 10_000;

  /** Most envelopes in one answer to a retransmission request. */
  static final int MAX_ANSWER = 500;

  private final String self;
  private final long epoch;
  private final Supplier<Connection> nats;
  private final Map<String, Link> links = new ConcurrentHashMap<>();

  private record Entry(long seq, long at, byte[] envelope) {}

  private static final class Link {
    long next;
    long marked;

    /** When the newest envelope dropped from the ring was sent (ms); 0 if none was dropped. */
    long evictedAt;

    final ArrayDeque<Entry> ring = new ArrayDeque<>();
  }

  Outbox(String self, long epoch, Supplier<Connection> nats) {
    this.self = self;
    this.epoch = epoch;
    this.nats = nats;
  }

  static String subject(String node) {
    return "messenger.node." + node;
  }

  static String missedSubject(String node) {
    return "messenger.missed." + node;
  }

  /** Numbers, keeps and publishes one envelope of {@code event} for {@code users} on {@code to}. */
  void send(String to, Collection<String> users, BusEvent event) {
    send(to, users, event, true);
  }

  /** For tests: numbers and keeps an envelope without publishing it, as if NATS lost it. */
  void sendUnpublished(String to, Collection<String> users, BusEvent event) {
    send(to, users, event, false);
  }

  private void send(String to, Collection<String> users, BusEvent event, boolean publish) {
    Link link = links.computeIfAbsent(to, t -> new Link());
    synchronized (link) {
      long seq = ++link.next;
      ObjectNode env = head(seq);
      ArrayNode u = env.putArray("u");
      users.forEach(u::add);
      env.set("e", EventCodec.tree(event));
      byte[] bytes = EventCodec.bytes(env);
      if (link.ring.size() >= RING) {
        link.evictedAt = link.ring.pollFirst().at();
      }
      link.ring.addLast(
          new Entry(seq, System.currentTimeMillis(), recoverable(event) ? bytes : null));
      if (publish) {
        publish(subject(to), bytes);
      }
    }
  }

  /**
   * Publishes a mark on every link ({@code onlyAdvanced}: on those that sent since their last
   * mark).
   */
  void mark(boolean onlyAdvanced) {
    for (var e : links.entrySet()) {
      Link link = e.getValue();
      synchronized (link) {
        if (link.next == 0 || (onlyAdvanced && link.next == link.marked)) {
          continue;
        }
        link.marked = link.next;
        ObjectNode env = head(link.next).put("mark", true);
        publish(subject(e.getKey()), EventCodec.bytes(env));
      }
    }
  }

  /**
   * Answers a target's request {@code {to, ep, after, until, since}}: {@code {ep, events, upTo,
   * more}} with the kept envelopes numbered after {@code after} up to {@code until} and sent at or
   * after {@code since} (ms; the target's start: older ones were for its previous life), or {@code
   * {ep, lost: true}} if some of those are no longer kept (or were sent by another life of this
   * node).
   */
  byte[] answer(byte[] request) throws IOException {
    JsonNode r = EventCodec.parse(request);
    String to = r.path("to").asText();
    long ep = r.path("ep").asLong();
    long after = r.path("after").asLong();
    long until = r.path("until").asLong(Long.MAX_VALUE);
    long since = r.path("since").asLong(0);
    ObjectNode answer = EventCodec.object().put("ep", epoch);
    Link link = links.get(to);
    if (ep != 0 && ep != epoch) {
      return EventCodec.bytes(answer.put("lost", true));
    }
    if (link == null) {
      answer.putArray("events");
      return EventCodec.bytes(answer.put("upTo", after).put("more", false));
    }
    ArrayNode events = answer.putArray("events");
    synchronized (link) {
      Entry first = link.ring.peekFirst();
      boolean gapInRing = link.next > after && (first == null || first.seq() > after + 1);
      if (gapInRing && link.evictedAt >= since) {
        return EventCodec.bytes(EventCodec.object().put("ep", epoch).put("lost", true));
      }
      long upTo = after;
      int n = 0;
      boolean more = false;
      for (Entry e : link.ring) {
        if (e.seq() <= after) {
          continue;
        }
        if (e.seq() > until) {
          break;
        }
        if (n == MAX_ANSWER) {
          more = true;
          break;
        }
        if (e.envelope() != null && e.at() >= since) {
          events.add(EventCodec.parse(e.envelope()));
          n++;
        }
        upTo = e.seq();
      }
      answer.put("upTo", upTo).put("more", more);
    }
    return EventCodec.bytes(answer);
  }

  private ObjectNode head(long seq) {
    return EventCodec.object().put("src", self).put("ep", epoch).put("n", seq);
  }

  private void publish(String subject, byte[] bytes) {
    try {
      nats.get().publish(subject, bytes);
    } catch (RuntimeException e) {
      // Kept in the ring: the target finds the gap from the next envelope or mark.
      LOG.debug("cannot publish on {}: {}", subject, e.toString());
    }
  }

  static boolean recoverable(BusEvent event) {
    return event instanceof BusEvent.MessageStored || event instanceof BusEvent.DeviceRevoked;
  }
}
