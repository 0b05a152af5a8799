package dev.messenger.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.contract.BusContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link BusContract} on {@link RecordingBus}, so that tests using the fake see a real bus's
 * behaviour, plus its recording and its {@link RecordingBus#reconnect()}.
 */
class RecordingBusTest extends BusContract {
  private final RecordingBus recording = new RecordingBus();

  @Override
  protected Bus newBus() {
    return recording;
  }

  @Test
  void publish_recordsAndDeliversSynchronously() {
    List<BusEvent> got = new ArrayList<>();
    Bus.Subscription sub = recording.subscribe("user.a", got::add);
    var typing = new BusEvent.Typing("c", "b", "start");
    var revoked = new BusEvent.DeviceRevoked("d");

    recording.publish("user.a", typing);
    recording.publish("user.b", revoked);
    sub.cancel();
    recording.publish("user.a", revoked);

    assertThat(got).containsExactly(typing);
    assertThat(recording.events()).containsExactly(typing, revoked, revoked);
    assertThat(recording.eventsOn("user.a")).containsExactly(typing, revoked);
    assertThat(recording.eventsOfType(BusEvent.Typing.class)).containsExactly(typing);
    assertThat(recording.eventsOn("user.a", BusEvent.DeviceRevoked.class)).containsExactly(revoked);
    assertThat(recording.topicsOf(revoked)).containsExactly("user.b", "user.a");
  }

  @Test
  void reconnect_runsRegisteredActions() {
    List<String> ran = new ArrayList<>();
    recording.onReconnect(() -> ran.add("resync"));

    recording.reconnect();

    assertThat(ran).containsExactly("resync");
  }
}
