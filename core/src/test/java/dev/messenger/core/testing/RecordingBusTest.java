package dev.messenger.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingBusTest {
  private final RecordingBus bus = new RecordingBus();

  @Test
  void publish_recordsAndDeliversSynchronously() {
    List<BusEvent> got = new ArrayList<>();
    Bus.Subscription sub = bus.subscribe("user.a", got::add);
    var typing = new BusEvent.Typing("c", "b", "start");
    var revoked = new BusEvent.DeviceRevoked("d");

    bus.publish("user.a", typing);
    bus.publish("user.b", revoked);
    sub.cancel();
    bus.publish("user.a", revoked);

    assertThat(got).containsExactly(typing);
    assertThat(bus.events()).containsExactly(typing, revoked, revoked);
    assertThat(bus.eventsOn("user.a")).containsExactly(typing, revoked);
    assertThat(bus.eventsOfType(BusEvent.Typing.class)).containsExactly(typing);
    assertThat(bus.eventsOn("user.a", BusEvent.DeviceRevoked.class)).containsExactly(revoked);
    assertThat(bus.topicsOf(revoked)).containsExactly("user.b", "user.a");
  }

  @Test
  void reconnect_runsRegisteredActions() {
    List<String> ran = new ArrayList<>();
    bus.onReconnect(() -> ran.add("resync"));

    bus.reconnect();

    assertThat(ran).containsExactly("resync");
  }
}
