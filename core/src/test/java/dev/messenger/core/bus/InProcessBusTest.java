package dev.messenger.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.contract.BusContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link BusContract} on {@link InProcessBus}, plus what only the in-process bus promises:
 * handlers run on the publishing thread, in subscription order, before {@code publish} returns.
 */
class InProcessBusTest extends BusContract {

  @Override
  protected Bus newBus() {
    return new InProcessBus();
  }

  @Test
  void publish_callsHandlersSynchronously_onThePublishingThread_inSubscriptionOrder() {
    List<String> calls = new ArrayList<>();
    Thread publisher = Thread.currentThread();
    bus.subscribe("user.a", e -> calls.add("first " + (Thread.currentThread() == publisher)));
    bus.subscribe("user.a", e -> calls.add("second " + (Thread.currentThread() == publisher)));
    bus.subscribe("user.b", e -> calls.add("other topic"));

    bus.publish("user.a", new BusEvent.DeviceRevoked("d_1"));

    assertThat(calls).containsExactly("first true", "second true");
  }
}
