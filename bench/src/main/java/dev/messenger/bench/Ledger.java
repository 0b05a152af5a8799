package dev.messenger.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Accounts for every message of one measurement: sent, acknowledged ({@code sent} frame), delivered
 * ({@code message} frames at the other members), and the end-to-end latency of each delivery
 * (sender's {@link System#nanoTime()} before the write to the receiver's parse of the {@code
 * message} frame, one clock in one process). Thread-safe: called from every event loop.
 *
 * <p>A message stays "open" until it was acknowledged and delivered as often as expected; what is
 * acknowledged but still open when the run ends counts as lost.
 */
final class Ledger {
  /** Longest latency recorded, in µs (one hour); longer ones are clamped. */
  static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);

  /** Per message: from its send to its last delivery (to every recipient), in µs. */
  private final Recorder allDeliveredMicros = new Recorder(MAX_LATENCY_MICROS, 3);

  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder echoes = new LongAdder();

  /** One message not yet acknowledged or not yet delivered everywhere. */
  private static final class Open {
    boolean acked;
    int deliveriesLeft;
    String conversationId;
    long seq;

    Open(int deliveriesLeft) {
      this.deliveriesLeft = deliveriesLeft;
    }
  }

  /** Call just before writing a {@code send} frame that should reach {@code deliveries} devices. */
  void onSend(String clientId, int deliveries) {
    open.put(clientId, new Open(deliveries));
    sent.increment();
  }

  /** A {@code sent} frame for {@code clientId}, giving the message's conversation and seq. */
  void onAck(String clientId, String conversationId, long seq) {
    acknowledged.increment();
    Open o = open.get(clientId);
    if (o == null) {
      unexpected.increment();
      return;
    }
    synchronized (o) {
      o.acked = true;
      o.conversationId = conversationId;
      o.seq = seq;
      closeIfDone(clientId, o);
    }
  }

  /** An {@code error} frame answering the send with this ref (the send was refused). */
  void onRejected(String clientId) {
    rejected.increment();
    open.remove(clientId);
  }

  /** A {@code message} frame carrying {@code clientId}, sent at {@code sentNanos}. */
  void onDelivery(String clientId, long sentNanos, long receivedNanos) {
    delivered.increment();
    long micros = Math.max(0, (receivedNanos - sentNanos) / 1000);
    latencyMicros.recordValue(Math.min(micros, MAX_LATENCY_MICROS));
    Open o = open.get(clientId);
    if (o == null) {
      unexpected.increment();
      return;
    }
    synchronized (o) {
      o.deliveriesLeft--;
      if (o.deliveriesLeft == 0) {
        allDeliveredMicros.recordValue(Math.min(micros, MAX_LATENCY_MICROS));
      }
      closeIfDone(clientId, o);
    }
  }

  private void closeIfDone(String clientId, Open o) {
    if (o.acked && o.deliveriesLeft <= 0) {
      open.remove(clientId);
    }
  }

  /** A {@code message} frame of the receiving user's own message (a server bug: see Conn). */
  void onEcho() {
    echoes.increment();
  }

  /** {@code message} frames a sender got for its own messages. */
  long echoes() {
    return echoes.sum();
  }

  /** Messages not yet both acknowledged and fully delivered. */
  int openCount() {
    return open.size();
  }

  /** Deliveries missing for acknowledged messages (0 when nothing acknowledged was lost). */
  long lostDeliveries() {
    long lost = 0;
    for (Open o : open.values()) {
      synchronized (o) {
        if (o.acked) {
          lost += Math.max(0, o.deliveriesLeft);
        }
      }
    }
    return lost;
  }

  /**
   * Up to {@code max} acknowledged but undelivered messages as {@code clientId conversationId seq},
   * for diagnosing losses.
   */
  java.util.List<String> lostSamples(int max) {
    java.util.List<String> out = new java.util.ArrayList<>();
    open.forEach(
        (clientId, o) -> {
          synchronized (o) {
            if (o.acked && o.deliveriesLeft > 0 && out.size() < max) {
              out.add(clientId + " " + o.conversationId + " " + o.seq);
            }
          }
        });
    return out;
  }

  /** Messages sent but neither acknowledged nor refused (yet). */
  long unacknowledged() {
    long n = 0;
    for (Open o : open.values()) {
      synchronized (o) {
        if (!o.acked) {
          n++;
        }
      }
    }
    return n;
  }

  long sent() {
    return sent.sum();
  }

  long acknowledged() {
    return acknowledged.sum();
  }

  long delivered() {
    return delivered.sum();
  }

  /** Sends answered by an {@code error} frame. */
  long rejected() {
    return rejected.sum();
  }

  /** Acks or deliveries for a clientId this ledger did not expect (duplicates, or late ones). */
  long unexpected() {
    return unexpected.sum();
  }

  /** Latencies recorded since the previous call (or since creation), in µs. */
  /** Time from send to the last recipient's delivery, one value per fully delivered message. */
  Histogram takeAllDeliveredMicros() {
    return allDeliveredMicros.getIntervalHistogram();
  }

  Histogram takeLatencyMicros() {
    return latencyMicros.getIntervalHistogram();
  }
}
