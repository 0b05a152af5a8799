package dev.messenger.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessBusTest {
  private final InProcessBus bus = new InProcessBus();
  private final BusEvent event = new BusEvent.DeviceRevoked("d_1");

  @Test
  void publish_callsHandlersOfThatTopicOnly_inSubscriptionOrder() {
    List<String> calls = new ArrayList<>();
    bus.subscribe("user.a", e -> calls.add("first"));
    bus.subscribe("user.a", e -> calls.add("second"));
    bus.subscribe("user.b", e -> calls.add("other topic"));

    bus.publish("user.a", event);

    assertThat(calls).containsExactly("first", "second");
  }

  @Test
  void cancel_stopsDelivery_idempotent() {
    List<BusEvent> got = new ArrayList<>();
    Bus.Subscription sub = bus.subscribe("user.a", got::add);

    sub.cancel();
    sub.cancel();
    bus.publish("user.a", event);

    assertThat(got).isEmpty();
  }

  @Test
  void failingHandler_doesNotStopTheOthers() {
    List<BusEvent> got = new ArrayList<>();
    bus.subscribe(
        "user.a",
        e -> {
          throw new IllegalStateException("handler bug");
        });
    bus.subscribe("user.a", got::add);

    bus.publish("user.a", event);

    assertThat(got).containsExactly(event);
  }

  @Test
  void publish_withoutSubscribers_isFine() {
    bus.publish("user.nobody", event);

    List<BusEvent> got = new ArrayList<>();
    bus.subscribe("user.nobody", got::add);
    assertThat(got).as("no replay of earlier events").isEmpty();
  }
}
