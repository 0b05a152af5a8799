package dev.messenger.server.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Message;
import dev.messenger.server.Services;
import dev.messenger.server.wire.Wire;
import io.vertx.core.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code message} frames of one connection (PROTOCOL.md 3, "Order, no gaps"): per conversation
 * it remembers the last seq delivered; a doorbell that skips seqs is parked while the gap is filled
 * from the store, so frames go out in increasing seq with no gaps. Messages this connection sent
 * are never echoed to it (it got {@code sent}), neither live nor by a fill.
 *
 * <p>Confined to the connection's event loop; store reads run on the worker pool and hop back.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final Caller caller;
  private final Context context;
  private final Services services;
  private final Consumer<String> writer;
  private final BooleanSupplier closed;
  private final Map<String, State> conversations = new HashMap<>();

  /**
   * Sends of this connection not answered yet, by clientId: a gap fill that brings one of them back
   * must not echo it. Bounded by the sends in flight.
   */
  private final Map<String, Integer> sendsInFlight = new HashMap<>();

  /** What was delivered of one conversation, and what waits for a gap to be filled. */
  private static final class State {
    /** 0 for a conversation this connection knew nothing of: it starts at the first message. */
    long lastSeq;

    boolean filling;
    final TreeMap<Long, BusEvent.MessageStored> parked = new TreeMap<>();

    /** Seqs this connection sent that are still above {@link #lastSeq}: never echoed. */
    final TreeSet<Long> ownAhead = new TreeSet<>();
  }

  /**
   * @param writer writes one encoded frame to the socket
   * @param closed true once the connection is closed
   */
  Delivery(
      Caller caller,
      Context context,
      Services services,
      Consumer<String> writer,
      BooleanSupplier closed) {
    this.caller = caller;
    this.context = context;
    this.services = services;
    this.writer = writer;
    this.closed = closed;
  }

  /** Starts each conversation's cursor at its lastSeq: later messages are delivered. */
  void startAt(Map<String, Long> lastSeqs) {
    lastSeqs.forEach((c, seq) -> state(c).lastSeq = seq);
  }

  /** This connection is sending {@code clientId}. */
  void sending(String clientId) {
    sendsInFlight.merge(clientId, 1, Integer::sum);
  }

  /**
   * A send of this connection was answered ({@code stored} null if it failed): from now on its
   * message is known by seq, and is skipped as any own message still above the cursor.
   */
  void answered(String clientId, Message stored) {
    sendsInFlight.computeIfPresent(clientId, (k, n) -> n <= 1 ? null : n - 1);
    if (stored != null) {
      State st = state(stored.conversationId());
      if (stored.seq() > st.lastSeq) {
        st.ownAhead.add(stored.seq());
      }
    }
  }

  /** A doorbell: delivers the message now, or parks it behind a gap fill. */
  void deliver(BusEvent.MessageStored event) {
    Message m = event.message();
    State st = state(m.conversationId());
    if (st.filling) {
      if (m.seq() > st.lastSeq) {
        st.parked.put(m.seq(), event);
      }
      return;
    }
    if (m.seq() == st.lastSeq + 1) {
      emit(st, event);
      return;
    }
    if (m.seq() <= st.lastSeq) {
      return;
    }
    st.parked.put(m.seq(), event);
    fillGap(m.conversationId(), st);
  }

  /** Fetches from the store whatever may have been missed (the bus lost events). */
  void recheck() {
    conversations.forEach(
        (conversationId, st) -> {
          if (!st.filling) {
            fillGap(conversationId, st);
          }
        });
  }

  private State state(String conversationId) {
    return conversations.computeIfAbsent(conversationId, k -> new State());
  }

  private void emit(State st, BusEvent.MessageStored event) {
    Message m = event.message();
    st.lastSeq = m.seq();
    boolean own = st.ownAhead.remove(m.seq());
    st.ownAhead.headSet(m.seq()).clear();
    if (own
        || caller.deviceId().equals(event.originDeviceId())
        || (m.senderId().equals(caller.userId()) && sendsInFlight.containsKey(m.clientId()))) {
      return;
    }
    Object encoded = event.encoded().get();
    if (encoded == null) {
      ObjectNode frame = Wire.object().put("type", "message");
      frame.setAll(Wire.message(m));
      encoded = Wire.encode(frame);
      event.encoded().compareAndSet(null, encoded);
    }
    writer.accept((String) encoded);
    services.metrics().fannedOut(System.currentTimeMillis() - m.ts());
  }

  /**
   * Loads the messages between what was delivered and the first parked one (or all newer ones if
   * none is parked), then drains.
   */
  private void fillGap(String conversationId, State st) {
    st.filling = true;
    long from = st.lastSeq;
    long to = st.parked.isEmpty() ? Long.MAX_VALUE : st.parked.firstKey();
    CompletableFuture.supplyAsync(
            () -> services.messaging().between(caller.userId(), conversationId, from, to),
            services.workers())
        .whenComplete(
            (list, err) ->
                context.runOnContext(
                    v -> {
                      if (err != null) {
                        LOG.warn("gap fill of {} failed", conversationId, err);
                      } else {
                        for (Message m : list) {
                          if (m.seq() == st.lastSeq + 1) {
                            emit(st, new BusEvent.MessageStored(m, null));
                          }
                        }
                      }
                      st.filling = false;
                      // Seqs the store did not give are not visible to this user (before its
                      // join): continue from the first parked message.
                      if (!st.parked.isEmpty() && st.parked.firstKey() > st.lastSeq + 1) {
                        st.lastSeq = st.parked.firstKey() - 1;
                      }
                      drainParked(conversationId, st);
                    }));
  }

  /** Emits parked messages while they follow on; a new gap starts another fill. */
  private void drainParked(String conversationId, State st) {
    while (!st.parked.isEmpty() && !closed.getAsBoolean()) {
      long first = st.parked.firstKey();
      if (first <= st.lastSeq) {
        st.parked.pollFirstEntry();
      } else if (first == st.lastSeq + 1) {
        emit(st, st.parked.pollFirstEntry().getValue());
      } else {
        fillGap(conversationId, st);
        return;
      }
    }
  }
}
