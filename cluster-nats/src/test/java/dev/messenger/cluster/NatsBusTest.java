package dev.messenger.cluster;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.contract.BusContract;
import dev.messenger.core.model.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BusContract} on {@link NatsBus} against the real NATS on 127.0.0.1:4222, plus what
 * only the cluster bus does: users' events cross to the node the presence registry lists them on
 * (one envelope per node, in order, through {@link EventCodec}), a doorbell rung just before the
 * recipient's node is heard of is sent again once it is, envelopes lost on the way are given back
 * from the sender's outbox, presence changes cross in batches, and bytes that are not an envelope
 * are dropped. Buckets and node names are unique per test. Skipped when NATS is not there, except
 * under CI.
 */
class NatsBusTest extends BusContract {
  private final String bucket = TestNats.unique("bus_test_");
  private final List<NatsConnection> connections = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private NatsPresenceRegistry registry;

  @Override
  protected Bus newBus() throws IOException {
    NatsConnection c = connect("bus-test");
    registry = registry(c, "a");
    return bus(c, registry);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    if (!connections.isEmpty()) {
      TestNats.deleteBucket(connections.get(0), bucket);
    }
    connections.forEach(NatsConnection::close);
  }

  @Test
  void publish_onOneNode_reachesTheUsersNode_inOrder_withAllFields() throws IOException {
    NatsConnection oc = connect("bus-test-other");
    NatsPresenceRegistry otherRegistry = registry(oc, "b");
    NatsBus other = bus(oc, otherRegistry);
    Recorder onOther = new Recorder();
    Recorder onThis = new Recorder();
    other.subscribe(user("alice"), onOther);
    bus.subscribe(user("alice"), onThis);
    otherRegistry.connect(id("alice"), "k1");
    waitUntil(
        "node a routes alice to b", () -> registry.nodesOf(id("alice")).contains(nodeId("b")));
    List<Object> sent = new ArrayList<>();

    for (int round = 0; round < 20; round++) {
      for (BusEvent e : everyKindOfEvent()) {
        sent.add(view(e));
        bus.publish(user("alice"), e);
      }
    }

    onOther.awaitCount(sent.size());
    onThis.awaitCount(sent.size());
    assertThat(onOther.views()).containsExactlyElementsOf(sent);
    assertThat(onThis.views()).containsExactlyElementsOf(sent);
  }

  @Test
  void aMessageRungBeforeTheUsersNodeIsHeardOf_isSentAgainOnceItIs() throws IOException {
    NatsConnection oc = connect("bus-test-other");
    NatsPresenceRegistry otherRegistry = registry(oc, "b");
    NatsBus other = bus(oc, otherRegistry);
    Recorder onOther = new Recorder();
    other.subscribe(user("late"), onOther);
    BusEvent early = message("c_late", 1);

    // Node a rings before it has heard that "late" is on b: nothing is routed to b yet...
    bus.publish(user("late"), early);
    assertThat(registry.nodesOf(id("late"))).isEmpty();
    otherRegistry.connect(id("late"), "k1");

    // ...and once a's mirror hears of the route, the recent doorbell is sent to b.
    onOther.awaitCount(1);
    assertThat(onOther.views()).containsExactly(view(early));
  }

  @Test
  void envelopesLostOnTheWay_areGivenBackBySender_withoutTheFallback() throws IOException {
    NatsConnection oc = connect("bus-test-other");
    NatsPresenceRegistry otherRegistry = registry(oc, "b");
    NatsBus other = bus(oc, otherRegistry);
    AtomicInteger fallbacks = new AtomicInteger();
    other.onEventsLost(fallbacks::incrementAndGet);
    Recorder onOther = new Recorder();
    other.subscribe(user("alice"), onOther);
    otherRegistry.connect(id("alice"), "k1");
    waitUntil(
        "node a routes alice to b", () -> registry.nodesOf(id("alice")).contains(nodeId("b")));
    bus.publish(user("alice"), message("c_1", 1));
    onOther.awaitCount(1);

    // Envelopes 2..4 are numbered and kept by a's outbox but never reach b (as if NATS dropped
    // them); envelope 5 arrives and shows b the gap.
    NatsBus sender = (NatsBus) bus;
    for (int seq = 2; seq <= 4; seq++) {
      sender
          .outboxForTests()
          .sendUnpublished(nodeId("b"), List.of(id("alice")), message("c_1", seq));
    }
    bus.publish(user("alice"), message("c_1", 5));

    onOther.awaitCount(5);
    assertThat(onOther.views().stream().map(v -> ((List<?>) v).get(0)).toList())
        .extracting(m -> ((Message) m).seq())
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(other.recovered()).isEqualTo(3);
    assertThat(fallbacks).hasValue(0);
  }

  @Test
  void presenceChanges_crossToWatchersOnOtherNodes() throws IOException {
    NatsConnection oc = connect("bus-test-other");
    NatsBus other = bus(oc, registry(oc, "b"));
    Recorder watcher = new Recorder();
    other.subscribe(Topics.presence(id("carol")), watcher);
    BusEvent online = new BusEvent.PresenceChanged(id("carol"), true, 5);

    bus.publish(Topics.presence(id("carol")), online);

    watcher.awaitCount(1);
    assertThat(watcher.views()).containsExactly(online);
  }

  @Test
  void bytesThatAreNotAnEnvelope_areDropped_andLaterEventsArrive() throws IOException {
    NatsConnection oc = connect("bus-test-other");
    NatsPresenceRegistry otherRegistry = registry(oc, "b");
    NatsBus other = bus(oc, otherRegistry);
    Recorder r = new Recorder();
    other.subscribe(user("alice"), r);
    otherRegistry.connect(id("alice"), "k1");
    waitUntil(
        "node a routes alice to b", () -> registry.nodesOf(id("alice")).contains(nodeId("b")));
    NatsConnection raw = connect("bus-test-raw");
    String subject = Outbox.subject(nodeId("b"));

    raw.nats().publish(subject, "not json".getBytes(StandardCharsets.UTF_8));
    raw.nats().publish(subject, "{\"t\":\"from-the-future\"}".getBytes(StandardCharsets.UTF_8));
    raw.nats().publish(subject, "{\"src\":\"x\",\"n\":1,\"e\":7}".getBytes(StandardCharsets.UTF_8));
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));

    waitUntil(
        "the valid event arrives", () -> r.views().contains(new BusEvent.DeviceRevoked("d_1")));
    assertThat(r.views()).containsExactly(new BusEvent.DeviceRevoked("d_1"));
  }

  // ------------------------------------------------------------------ helpers

  private static BusEvent message(String conversationId, long seq) {
    return new BusEvent.MessageStored(
        new Message(
            conversationId,
            seq,
            "u_s",
            "d_s",
            "x" + seq,
            1L,
            Message.Kind.TEXT,
            "m",
            List.of(),
            null));
  }

  private String nodeId(String name) {
    return bucket.substring("bus_test_".length()) + "-" + name;
  }

  private NatsPresenceRegistry registry(NatsConnection c, String name) throws IOException {
    NatsPresenceRegistry r =
        new NatsPresenceRegistry(c, nodeId(name), Duration.ofSeconds(2), bucket);
    closing.add(r);
    return r;
  }

  private NatsBus bus(NatsConnection c, NatsPresenceRegistry r) {
    NatsBus b = new NatsBus(c, r);
    closing.add(b);
    return b;
  }

  private NatsConnection connect(String name) {
    NatsConnection c = TestNats.connectWithJetStreamOrSkip(name);
    connections.add(c);
    return c;
  }
}
