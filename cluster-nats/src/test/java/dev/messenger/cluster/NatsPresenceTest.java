package dev.messenger.cluster;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.BusEvent.PresenceChanged;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.contract.PresenceContract;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.presence.PresenceRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link PresenceContract} on {@link NatsPresenceRegistry} against the real NATS, plus node
 * death through {@link Presence}: a user whose only connection was on a dead node is announced
 * offline by a survivor with {@code lastSeen} stored (the heartbeat timeout standing in for the
 * grace); a user also connected to a survivor is not; and a user connected on another node stays
 * online when its connection here closes. Heartbeat 200 ms. Skipped without NATS, except under CI.
 */
class NatsPresenceTest extends PresenceContract {
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
  private final String bucket = TestNats.unique("presence_rules_");
  private final List<NatsPresenceRegistry> nodes = new ArrayList<>();
  private final List<NatsConnection> connections = new ArrayList<>();

  @Override
  protected PresenceRegistry newRegistry() throws IOException {
    return node(connect("a"), "a");
  }

  @Override
  protected void closeAll() {
    nodes.forEach(NatsPresenceRegistry::close);
    if (!connections.isEmpty()) {
      TestNats.deleteBucket(connections.get(0), bucket);
    }
    connections.forEach(NatsConnection::close);
  }

  @Test
  void onlineOnAnotherNode_closingTheConnectionHere_announcesNothing() throws IOException {
    NatsPresenceRegistry b = node(connect("b"), "b");
    Presence onB = presenceOn(b);
    String alice = newUser("alice");
    onB.connected(alice, "kb");
    waitUntil("a sees alice online", () -> registry.isOnline(alice));

    presence.connected(alice, "ka");
    presence.disconnected(alice, "ka");
    timers.advance(GRACE.multipliedBy(2));

    assertThat(offlines(alice)).isZero();
    assertThat(presence.statusOf(user(alice)).online()).isTrue();
  }

  @Test
  void nodeDeath_itsUsersAreAnnouncedOfflineByASurvivor_withLastSeen() throws IOException {
    NatsPresenceRegistry survivor = (NatsPresenceRegistry) registry;
    survivor.onUserLost(presence::lostWithNode);
    NatsConnection dyingConnection = connect("dying");
    NatsPresenceRegistry dying = node(dyingConnection, "dying");
    Presence onDying = presenceOn(dying);
    String alice = newUser("alice");
    String both = newUser("both");
    onDying.connected(alice, "k1");
    onDying.connected(both, "k2");
    presence.connected(both, "k3");
    waitUntil("the survivor sees alice online", () -> survivor.isOnline(alice));
    long before = clock.millis();

    dyingConnection.close(); // kill -9: no clean-up, heartbeats stop

    waitUntil(
        "alice announced offline",
        () -> offlines(alice) == 1,
        HEARTBEAT.multipliedBy(4).plusSeconds(5));
    PresenceChanged offline =
        bus.eventsOn(Topics.presence(alice), PresenceChanged.class).stream()
            .filter(p -> !p.online())
            .findFirst()
            .orElseThrow();
    assertThat(offline.lastSeen()).isGreaterThanOrEqualTo(before);
    assertThat(user(alice).lastSeen()).isEqualTo(offline.lastSeen());
    assertThat(presence.statusOf(user(alice)).online()).isFalse();
    assertThat(offlines(both)).as("online on the survivor").isZero();
    assertThat(presence.statusOf(user(both)).online()).isTrue();
  }

  private NatsPresenceRegistry node(NatsConnection c, String name) throws IOException {
    NatsPresenceRegistry r =
        new NatsPresenceRegistry(
            c, bucket.substring("presence_rules_".length()) + "-" + name, HEARTBEAT, bucket);
    nodes.add(r);
    return r;
  }

  private NatsConnection connect(String name) {
    NatsConnection c = TestNats.connectWithJetStreamOrSkip("presence-rules-" + name);
    connections.add(c);
    return c;
  }
}
