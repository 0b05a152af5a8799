package dev.messenger.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ordering and gap fill of one connection's message frames (PROTOCOL.md 3, "Order, no gaps"), with
 * a store of its own and direct executors.
 */
class DeliveryTest {
  private static final String C = "c1";

  /** The messages "in the store", by seq; reads counted. */
  private final TreeMap<Long, Message> stored = new TreeMap<>();

  private int reads;
  private final List<Long> emitted = new ArrayList<>();
  private final ManualExecutor workers = new ManualExecutor();
  private final List<Runnable> retries = new ArrayList<>();
  private boolean failReads;

  private final Delivery delivery =
      new Delivery(
          "me",
          "myDevice",
          (user, conversation, after, before) -> {
            reads++;
            if (failReads) {
              throw new IllegalStateException("store down");
            }
            return new ArrayList<>(stored.subMap(after, false, before, false).values());
          },
          Runnable::run,
          workers,
          (delay, task) -> retries.add(task),
          3,
          e -> emitted.add(e.message().seq()));

  DeliveryTest() {
    workers.direct = true;
  }

  private Message store(long seq, String device) {
    Message m =
        new Message(C, seq, "u", device, "c" + seq, 0, Message.Kind.TEXT, "b", List.of(), null);
    stored.put(seq, m);
    return m;
  }

  private void ring(long seq) {
    delivery.deliver(new BusEvent.MessageStored(stored.get(seq)));
  }

  @Test
  void inOrderDoorbells_areEmitted_withoutReadingTheStore() {
    delivery.startAt(Map.of(C, 0L));
    for (long s = 1; s <= 3; s++) {
      store(s, "other");
      ring(s);
    }
    assertThat(emitted).containsExactly(1L, 2L, 3L);
    assertThat(reads).isZero();
  }

  @Test
  void aDoorbellOutOfOrder_fillsTheGapFromTheStoreFirst() {
    delivery.startAt(Map.of(C, 0L));
    store(1, "other");
    store(2, "other");
    store(3, "other");
    ring(3);
    ring(1);
    ring(2);
    assertThat(emitted).containsExactly(1L, 2L, 3L);
  }

  @Test
  void whileAFillRuns_laterDoorbellsWait_andComeOutInOrder() {
    workers.direct = false;
    delivery.startAt(Map.of(C, 0L));
    store(1, "other");
    store(2, "other");
    store(3, "other");
    store(4, "other");
    ring(2);
    ring(4);
    ring(3);
    assertThat(emitted).isEmpty();
    workers.runAll();
    assertThat(emitted).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void ownMessages_areSkipped_liveAndInFills() {
    delivery.startAt(Map.of(C, 0L));
    store(1, "myDevice");
    store(2, "otherDevice");
    store(3, "myDevice");
    store(4, "other");
    ring(1);
    ring(4);
    assertThat(emitted).containsExactly(2L, 4L);
    assertThat(delivery.lastSeq(C)).isEqualTo(4);
  }

  @Test
  void tooManyParked_areDropped_andReadFromTheStore() {
    workers.direct = false;
    delivery.startAt(Map.of(C, 0L));
    for (long s = 1; s <= 10; s++) {
      store(s, "other");
    }
    for (long s = 10; s >= 2; s--) {
      ring(s);
    }
    workers.runAll();
    assertThat(emitted).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void aFailedRead_isTriedAgain() {
    delivery.startAt(Map.of(C, 0L));
    store(1, "other");
    store(2, "other");
    failReads = true;
    ring(2);
    assertThat(emitted).isEmpty();
    failReads = false;
    retries.remove(0).run();
    assertThat(emitted).containsExactly(1L, 2L);
  }

  @Test
  void recheck_deliversWhatTheBusLost() {
    delivery.startAt(Map.of(C, 0L));
    store(1, "other");
    store(2, "other");
    delivery.recheck();
    assertThat(emitted).containsExactly(1L, 2L);
  }

  @Test
  void seqsTheUserCannotSee_areSkipped() {
    delivery.startAt(Map.of(C, 4L));
    store(7, "other");
    ring(7);
    assertThat(emitted).containsExactly(7L);
  }
}
