package dev.messenger.core.contract;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Ids;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.SystemEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Bus} must do, per its Javadoc: an event published to a topic reaches that
 * topic's subscribers only, every {@link BusEvent} type arrives with all its fields, events
 * published by one thread to one topic arrive in order, {@link Bus.Subscription#cancel()} stops
 * delivery and is idempotent, a subscription is in effect once {@link Bus#awaitSubscriptions()}
 * returns, and {@link Bus#onReconnect} accepts an action without running it.
 *
 * <p>An adapter's test extends this class and supplies a bus per test. Delivery may be
 * asynchronous, so every test waits for what it expects; to show that something did <i>not</i>
 * arrive, it publishes a marker afterwards on a topic the same bus subscribes to and waits for the
 * marker (the adapters deliver one publisher's events to one subscriber in publish order).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BusContract {
  protected Bus bus;

  /** Names unique to this test, so that adapters sharing a server do not see other runs. */
  private final String run = Ids.randomBase64(6).replace('-', 'x').replace('_', 'y');

  /** A working bus; called once before each test. */
  protected abstract Bus newBus() throws Exception;

  /** Releases what {@link #newBus()} opened; called after each test. */
  protected void closeBus(Bus bus) throws Exception {}

  @BeforeEach
  void openBus() throws Exception {
    bus = newBus();
  }

  @AfterEach
  void close() throws Exception {
    closeBus(bus);
  }

  @Test
  void publish_reachesSubscribersOfThatTopicOnly() {
    Recorder alice = subscribe(user("alice"));
    Recorder bob = subscribe(user("bob"));
    Recorder alicePresence = subscribe(Topics.presence(id("alice")));
    bus.awaitSubscriptions();
    BusEvent toAlice = new BusEvent.DeviceRevoked("d_alice");
    BusEvent toBob = new BusEvent.DeviceRevoked("d_bob");

    bus.publish(user("alice"), toAlice);
    bus.publish(user("bob"), toBob);
    bus.publish(user("nobody"), new BusEvent.DeviceRevoked("d_nobody"));
    bus.publish(Topics.presence(id("alice")), new BusEvent.PresenceChanged(id("alice"), true, 1));

    alice.awaitCount(1);
    bob.awaitCount(1);
    alicePresence.awaitCount(1);
    marker(user("alice"), alice);
    marker(user("bob"), bob);
    assertThat(alice.views()).containsExactly(view(toAlice), MARKER);
    assertThat(bob.views()).containsExactly(view(toBob), MARKER);
    assertThat(alicePresence.views())
        .containsExactly(new BusEvent.PresenceChanged(id("alice"), true, 1));
  }

  @Test
  void everyEventType_arrivesWithAllItsFields() {
    Recorder r = subscribe(user("alice"));
    bus.awaitSubscriptions();
    List<BusEvent> sent = everyKindOfEvent();

    sent.forEach(e -> bus.publish(user("alice"), e));

    r.awaitCount(sent.size());
    assertThat(r.views()).containsExactlyElementsOf(sent.stream().map(BusContract::view).toList());
  }

  @Test
  void publish_fromOneThread_arrivesInPublishOrder() {
    Recorder r = subscribe(user("alice"));
    bus.awaitSubscriptions();
    List<Object> sent = new ArrayList<>();

    for (int seq = 1; seq <= 500; seq++) {
      BusEvent e = new BusEvent.ReceiptMoved("c_1", id("bob"), ReceiptStatus.READ, seq);
      sent.add(e);
      bus.publish(user("alice"), e);
    }

    r.awaitCount(sent.size());
    assertThat(r.views()).containsExactlyElementsOf(sent);
  }

  @Test
  void severalSubscribers_onOneTopic_eachGetEveryEvent() {
    Recorder first = subscribe(user("alice"));
    Recorder second = subscribe(user("alice"));
    Recorder third = subscribe(user("alice"));
    bus.awaitSubscriptions();
    BusEvent one = new BusEvent.Typing("c_1", id("bob"), "start");
    BusEvent two = new BusEvent.Typing("c_1", id("bob"), "stop");

    bus.publish(user("alice"), one);
    bus.publish(user("alice"), two);

    for (Recorder r : List.of(first, second, third)) {
      r.awaitCount(2);
      assertThat(r.views()).containsExactly(one, two);
    }
  }

  @Test
  void cancel_stopsDelivery_andTheOtherSubscribersKeepGettingEvents() {
    Recorder kept = subscribe(user("alice"));
    Recorder cancelled = new Recorder();
    Bus.Subscription sub = bus.subscribe(user("alice"), cancelled);
    bus.awaitSubscriptions();

    sub.cancel();
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));

    kept.awaitCount(1);
    marker(user("alice"), kept);
    assertThat(cancelled.views()).isEmpty();
  }

  @Test
  void cancel_ofTheOnlySubscriber_stopsDelivery_andTheTopicCanBeSubscribedAgain() {
    Recorder watcher = subscribe(user("watcher"));
    Recorder cancelled = new Recorder();
    Bus.Subscription sub = bus.subscribe(user("alice"), cancelled);
    bus.awaitSubscriptions();

    sub.cancel();
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));
    marker(user("watcher"), watcher);
    Recorder again = subscribe(user("alice"));
    bus.awaitSubscriptions();
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_2"));

    again.awaitCount(1);
    assertThat(cancelled.views()).isEmpty();
    assertThat(again.views()).containsExactly(new BusEvent.DeviceRevoked("d_2"));
  }

  @Test
  void cancel_isIdempotent_evenWhenTheSameHandlerIsSubscribedTwice() {
    Recorder handler = new Recorder();
    Bus.Subscription first = bus.subscribe(user("alice"), handler);
    bus.subscribe(user("alice"), handler);
    Recorder other = subscribe(user("alice"));
    bus.awaitSubscriptions();

    first.cancel();
    first.cancel();
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));

    other.awaitCount(1);
    marker(user("alice"), handler);
    assertThat(handler.views())
        .as("the second subscription of the same handler is still in effect")
        .containsExactly(new BusEvent.DeviceRevoked("d_1"), MARKER);
  }

  @Test
  void subscribe_thenAwaitSubscriptions_thenPublish_isReceived() {
    for (int i = 0; i < 20; i++) {
      Recorder r = subscribe(user("late" + i));
      bus.awaitSubscriptions();
      bus.publish(user("late" + i), new BusEvent.DeviceRevoked("d_" + i));
      r.awaitCount(1);
    }
  }

  @Test
  void subscribe_doesNotReplayEarlierEvents() {
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_before"));
    Recorder r = subscribe(user("alice"));
    bus.awaitSubscriptions();

    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_after"));

    r.awaitCount(1);
    marker(user("alice"), r);
    assertThat(r.views()).containsExactly(new BusEvent.DeviceRevoked("d_after"), MARKER);
  }

  @Test
  void failingHandler_doesNotStopTheOtherHandlersOrLaterEvents() {
    bus.subscribe(
        user("alice"),
        e -> {
          throw new IllegalStateException("handler bug");
        });
    Recorder r = subscribe(user("alice"));
    bus.awaitSubscriptions();

    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_2"));

    r.awaitCount(2);
  }

  @Test
  void onReconnect_isRegistrable_andNotRunWhileConnected() {
    AtomicInteger runs = new AtomicInteger();

    bus.onReconnect(runs::incrementAndGet);
    Recorder r = subscribe(user("alice"));
    bus.awaitSubscriptions();
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));

    r.awaitCount(1);
    assertThat(runs).hasValue(0);
  }

  // ------------------------------------------------------------------ helpers

  /** A user id unique to this test. */
  protected final String id(String name) {
    return "u" + run + "_" + name;
  }

  /** The user topic of {@link #id(String)}. */
  protected final String user(String name) {
    return Topics.user(id(name));
  }

  /** One event of every type, with every optional field both set and unset. */
  protected static List<BusEvent> everyKindOfEvent() {
    Attachment png = new Attachment("m_1", "image/png", 12_345, "ab".repeat(32));
    Attachment pdf = new Attachment("m_2", "application/pdf", 0, "cd".repeat(32));
    Message text =
        new Message(
            "c_1",
            42,
            "u_a",
            "d_a",
            "cid-1",
            1_700_000_000_123L,
            Message.Kind.TEXT,
            "héllo ✓\n\"q\"",
            List.of(png, pdf),
            null);
    Message system =
        new Message(
            "c_2",
            Long.MAX_VALUE,
            "u_b",
            null,
            null,
            1L,
            Message.Kind.SYSTEM,
            null,
            List.of(),
            new SystemEvent(SystemEvent.Action.MEMBER_ADDED, "u_c", "u_b", null));
    Message renamed =
        new Message(
            "c_3",
            1,
            "u_b",
            null,
            null,
            2L,
            Message.Kind.SYSTEM,
            "",
            List.of(),
            new SystemEvent(SystemEvent.Action.RENAMED, null, "u_b", "Weekend ☀"));
    return List.of(
        new BusEvent.MessageStored(text),
        new BusEvent.MessageStored(system),
        new BusEvent.MessageStored(renamed),
        new BusEvent.ReceiptMoved("c_1", "u_a", ReceiptStatus.DELIVERED, 7),
        new BusEvent.ReceiptMoved("c_1", "u_a", ReceiptStatus.READ, Long.MAX_VALUE),
        new BusEvent.Typing("c_1", "u_a", "start"),
        new BusEvent.MembershipChanged("c_9"),
        new BusEvent.Typing("c_1", "u_a", "stop"),
        new BusEvent.PresenceChanged("u_a", true, 1_700_000_000_000L),
        new BusEvent.PresenceChanged("u_a", false, 0),
        new BusEvent.DeviceRevoked("d_1"));
  }

  /** What an event carries, comparable with equals ({@code MessageStored} is not a record). */
  protected static Object view(BusEvent e) {
    if (e instanceof BusEvent.MessageStored m) {
      return List.of(m.message());
    }
    return e;
  }

  private static final BusEvent MARKER = new BusEvent.DeviceRevoked("d_marker");

  /** Publishes {@link #MARKER} to {@code topic} and waits until {@code r} has it. */
  private void marker(String topic, Recorder r) {
    bus.publish(topic, MARKER);
    waitUntil("the marker arrives", () -> r.views().contains(MARKER));
  }

  private Recorder subscribe(String topic) {
    Recorder r = new Recorder();
    bus.subscribe(topic, r);
    return r;
  }

  /** A handler that keeps what it receives, from any thread. */
  protected static final class Recorder implements Consumer<BusEvent> {
    private final List<BusEvent> events = new CopyOnWriteArrayList<>();

    public Recorder() {}

    @Override
    public void accept(BusEvent e) {
      events.add(e);
    }

    /** The events so far, each as {@link #view}, oldest first. */
    public List<Object> views() {
      return events.stream().map(BusContract::view).toList();
    }

    /** Waits until at least {@code n} events arrived. */
    public void awaitCount(int n) {
      waitUntil(n + " events arrive", () -> events.size() >= n);
    }
  }
}
