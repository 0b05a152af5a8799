package dev.messenger.cluster;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.contract.BusContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BusContract} on {@link NatsBus} against the real NATS on 127.0.0.1:4222 (so every
 * event goes through {@link EventCodec}), plus what only a cluster bus does: events cross from one
 * node's bus to another's, in order, and bytes that are not an event are dropped. Topics are unique
 * per test. Skipped when NATS is not there, except under CI.
 */
class NatsBusTest extends BusContract {
  private final List<NatsConnection> connections = new ArrayList<>();

  @Override
  protected Bus newBus() {
    return new NatsBus(connect("bus-test"));
  }

  @AfterEach
  void closeConnections() {
    connections.forEach(NatsConnection::close);
  }

  @Test
  void publish_onOneNode_reachesSubscribersOnAnother_inOrder_withAllFields() {
    Bus other = new NatsBus(connect("bus-test-other"));
    Recorder onOther = new Recorder();
    Recorder onThis = new Recorder();
    other.subscribe(user("alice"), onOther);
    bus.subscribe(user("alice"), onThis);
    other.awaitSubscriptions();
    bus.awaitSubscriptions();
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
  void bytesThatAreNotAnEvent_areDropped_andLaterEventsArrive() {
    Recorder r = new Recorder();
    bus.subscribe(user("alice"), r);
    bus.awaitSubscriptions();
    NatsConnection raw = connect("bus-test-raw");
    String subject = "messenger." + user("alice");

    raw.nats().publish(subject, "not json".getBytes(StandardCharsets.UTF_8));
    raw.nats().publish(subject, "{\"t\":\"from-the-future\"}".getBytes(StandardCharsets.UTF_8));
    raw.nats().publish(subject, "{\"t\":\"message\"}".getBytes(StandardCharsets.UTF_8));
    bus.publish(user("alice"), new BusEvent.DeviceRevoked("d_1"));

    waitUntil(
        "the valid event arrives", () -> r.views().contains(new BusEvent.DeviceRevoked("d_1")));
    assertThat(r.views()).containsExactly(new BusEvent.DeviceRevoked("d_1"));
  }

  private NatsConnection connect(String name) {
    NatsConnection c = TestNats.connectOrSkip(name);
    connections.add(c);
    return c;
  }
}
