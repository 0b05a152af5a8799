package dev.messenger.server.chat;

import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code message} frames of one connection (PROTOCOL.md 3, "Order, no gaps"): per conversation
 * it remembers the last seq delivered; a doorbell that skips seqs is parked while the gap is filled
 * from the store, so messages go out in increasing seq with no gaps. A message stored by this very
 * device is never delivered to it (it got {@code sent}): one rule, on the message's stored sending
 * device, for live doorbells and gap fills alike.
 *
 * <p>Bounded: at most {@code maxParked} doorbells wait behind one conversation's fill; beyond that
 * they are dropped and the fill reads on from the store. Confined to the session's serial executor;
 * store reads run on the worker pool and hop back to it. A refused or failed read is tried again
 * after {@link #RETRY}.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  /** Most messages one store read returns (as {@code Messaging.between} caps it). */
  static final int FILL_PAGE = 1000;

  /** Wait before reading again after a refused or failed read. */
  static final Duration RETRY = Duration.ofMillis(200);

  /** Reads the messages a user may see strictly between two seqs, ascending; may block. */
  @FunctionalInterface
  interface GapSource {
    List<Message> between(String userId, String conversationId, long afterSeq, long beforeSeq);
  }

  /** Schedules a task on the serial executor after a delay. */
  @FunctionalInterface
  interface Later {
    void after(Duration delay, Runnable task);
  }

  private final String userId;
  private final String deviceId;
  private final GapSource store;
  private final Executor serial;
  private final Executor workers;
  private final Later later;
  private final int maxParked;
  private final Consumer<BusEvent.MessageStored> emitter;
  private final Map<String, State> conversations = new HashMap<>();
  private boolean closed;

  /** What was delivered of one conversation, and what waits for a gap to be filled. */
  private static final class State {
    /** 0 for a conversation this connection knew nothing of: it starts at the first message. */
    long lastSeq;

    boolean filling;

    /** Doorbells were dropped: once the parked ones are out, read on from the store. */
    boolean dropped;

    final TreeMap<Long, BusEvent.MessageStored> parked = new TreeMap<>();
  }

  /**
   * @param emitter writes one message to the connection (never one of this device's)
   */
  Delivery(
      String userId,
      String deviceId,
      GapSource store,
      Executor serial,
      Executor workers,
      Later later,
      int maxParked,
      Consumer<BusEvent.MessageStored> emitter) {
    this.userId = userId;
    this.deviceId = deviceId;
    this.store = store;
    this.serial = serial;
    this.workers = workers;
    this.later = later;
    this.maxParked = maxParked;
    this.emitter = emitter;
  }

  /** Starts each conversation's cursor at its lastSeq: later messages are delivered. */
  void startAt(Map<String, Long> lastSeqs) {
    lastSeqs.forEach((c, seq) -> state(c).lastSeq = Math.max(state(c).lastSeq, seq));
  }

  /** The connection closed: nothing more is emitted or read. */
  void close() {
    closed = true;
    conversations.clear();
  }

  /** The last seq delivered (or skipped as this device's own) of a conversation; 0 if none. */
  long lastSeq(String conversationId) {
    State st = conversations.get(conversationId);
    return st == null ? 0 : st.lastSeq;
  }

  /** A doorbell: delivers the message now, or parks it behind a gap fill. */
  void deliver(BusEvent.MessageStored event) {
    if (closed) {
      return;
    }
    Message m = event.message();
    State st = state(m.conversationId());
    if (m.seq() <= st.lastSeq) {
      return;
    }
    if (!st.filling && m.seq() == st.lastSeq + 1) {
      emit(st, event);
      return;
    }
    park(st, event);
    if (!st.filling) {
      fill(m.conversationId(), st);
    }
  }

  /** Fetches from the store whatever may have been missed (the bus lost events). */
  void recheck() {
    conversations.forEach(
        (conversationId, st) -> {
          if (!st.filling) {
            fill(conversationId, st);
          }
        });
  }

  private State state(String conversationId) {
    return conversations.computeIfAbsent(conversationId, k -> new State());
  }

  private void park(State st, BusEvent.MessageStored event) {
    if (st.parked.size() < maxParked) {
      st.parked.put(event.message().seq(), event);
    } else {
      st.dropped = true;
    }
  }

  private void emit(State st, BusEvent.MessageStored event) {
    Message m = event.message();
    st.lastSeq = m.seq();
    if (!deviceId.equals(m.senderDeviceId())) {
      emitter.accept(event);
    }
  }

  /**
   * Reads the messages between what was delivered and the first parked one (or all newer ones if
   * none is parked), then drains.
   */
  private void fill(String conversationId, State st) {
    st.filling = true;
    long from = st.lastSeq;
    long to = st.parked.isEmpty() ? Long.MAX_VALUE : st.parked.firstKey();
    CompletableFuture<List<Message>> read;
    try {
      read =
          CompletableFuture.supplyAsync(
              () -> store.between(userId, conversationId, from, to), workers);
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    read.whenComplete((list, err) -> serial.execute(() -> filled(conversationId, st, list, err)));
  }

  private void filled(String conversationId, State st, List<Message> list, Throwable err) {
    if (closed) {
      return;
    }
    if (err != null) {
      LOG.warn("gap fill of {} failed; trying again", conversationId, err);
      later.after(
          RETRY,
          () -> {
            if (!closed) {
              fill(conversationId, st);
            }
          });
      return;
    }
    for (Message m : list) {
      if (m.seq() == st.lastSeq + 1) {
        emit(st, new BusEvent.MessageStored(m));
      }
    }
    st.filling = false;
    if (list.size() >= FILL_PAGE) {
      fill(conversationId, st);
      return;
    }
    // Seqs the store did not give are not visible to this user (before its join): continue from
    // the first parked message.
    if (!st.parked.isEmpty() && st.parked.firstKey() > st.lastSeq + 1) {
      st.lastSeq = st.parked.firstKey() - 1;
    }
    drain(conversationId, st);
  }

  /** Emits parked messages while they follow on; a new gap, or dropped ones, start another fill. */
  private void drain(String conversationId, State st) {
    while (!st.parked.isEmpty()) {
      long first = st.parked.firstKey();
      if (first <= st.lastSeq) {
        st.parked.pollFirstEntry();
      } else if (first == st.lastSeq + 1) {
        emit(st, st.parked.pollFirstEntry().getValue());
      } else {
        fill(conversationId, st);
        return;
      }
    }
    if (st.dropped) {
      st.dropped = false;
      fill(conversationId, st);
    }
  }
}
