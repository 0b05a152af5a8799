package dev.messenger.bench;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Accounts for every operation of one {@code mix} measurement, per kind ({@link Op}): written,
 * answered ({@code sent} or {@code updated}, with the answer's latency), no-ops ({@code updated}
 * with seq null), refused ({@code error}, by code), and delivered (the peer's {@code message}
 * frame: the text message or the update entry, with the end-to-end latency). An operation stays
 * open until it was answered and delivered; one answered with a stored entry but never delivered
 * counts as lost. Thread-safe: called from every event loop.
 */
final class MixLedger {
  /** The kinds of operation, with the client frame each writes. */
  enum Op {
    SEND("send"),
    REACT("react"),
    EDIT("edit"),
    DELETE("delete");

    final String frame;

    Op(String frame) {
      this.frame = frame;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The counters and latencies of one kind. */
  static final class Stats {
    final LongAdder written = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder noops = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final Recorder answerMicros = new Recorder(Ledger.MAX_LATENCY_MICROS, 3);
    final Recorder deliveryMicros = new Recorder(Ledger.MAX_LATENCY_MICROS, 3);
  }

  /** An operation not yet both answered and delivered. */
  private static final class Open {
    final Op op;
    final long writtenNanos;
    volatile boolean answered;

    Open(Op op, long writtenNanos) {
      this.op = op;
      this.writtenNanos = writtenNanos;
    }
  }

  private final Map<Op, Stats> stats = new EnumMap<>(Op.class);
  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder unexpected = new LongAdder();

  MixLedger() {
    for (Op op : Op.values()) {
      stats.put(op, new Stats());
    }
  }

  Stats stats(Op op) {
    return stats.get(op);
  }

  /** Call just before writing an operation whose delivery will carry {@code key}. */
  void written(Op op, String key, long nanos) {
    open.put(key, new Open(op, nanos));
    stats.get(op).written.increment();
  }

  /**
   * Its answer arrived: {@code stored} false for an {@code updated} with seq null, which stores and
   * delivers nothing.
   */
  void answered(Op op, String key, long writtenNanos, long nowNanos, boolean stored) {
    Stats s = stats.get(op);
    s.answered.increment();
    s.answerMicros.recordValue(micros(writtenNanos, nowNanos));
    if (!stored) {
      s.noops.increment();
      open.remove(key);
      return;
    }
    Open o = open.get(key);
    if (o != null) {
      o.answered = true;
    }
  }

  /** An {@code error} answered it; nothing will be delivered. */
  void rejected(Op op, String key, String code) {
    stats.get(op).rejected.increment();
    errors.computeIfAbsent(op.label() + ":" + code, k -> new LongAdder()).increment();
    open.remove(key);
  }

  /** The peer got the message or update entry carrying {@code key}. */
  void delivered(String key, long nowNanos) {
    Open o = open.remove(key);
    if (o == null) {
      unexpected.increment();
      return;
    }
    Stats s = stats.get(o.op);
    s.delivered.increment();
    s.deliveryMicros.recordValue(micros(o.writtenNanos, nowNanos));
  }

  /** Operations not yet both answered and delivered. */
  int openCount() {
    return open.size();
  }

  /** Operations of {@code op} answered with a stored entry whose delivery never came. */
  long lost(Op op) {
    return open.values().stream().filter(o -> o.op == op && o.answered).count();
  }

  /** Operations of {@code op} written but not answered (yet). */
  long unanswered(Op op) {
    return open.values().stream().filter(o -> o.op == op && !o.answered).count();
  }

  /** Refusals by {@code op:code}. */
  Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Deliveries no open operation expected (duplicates, or another run's). */
  long unexpected() {
    return unexpected.sum();
  }

  private static long micros(long fromNanos, long toNanos) {
    return Math.min(Math.max(0, (toNanos - fromNanos) / 1000), Ledger.MAX_LATENCY_MICROS);
  }
}
