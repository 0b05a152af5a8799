package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Ids;
import dev.messenger.core.accounts.User;
import dev.messenger.core.bus.BusEvent.PresenceChanged;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.presence.PresenceRegistry;
import dev.messenger.core.testing.FakeClock;
import dev.messenger.core.testing.FakeTimers;
import dev.messenger.core.testing.InMemoryAccountStore;
import dev.messenger.core.testing.InMemoryMessageStore;
import dev.messenger.core.testing.RecordingBus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The presence rules (PROTOCOL.md "Presence") on top of a {@link PresenceRegistry} adapter: online
 * on the first connection, offline announced {@link #GRACE} after the last one unless the user came
 * back, {@code lastSeen} stored when offline is announced and shown while offline, and a user
 * online on another node never announced offline by this one. The grace runs on a fake clock; the
 * registry is the real adapter. An adapter's test extends this class; the cluster adapter adds node
 * death (its users reported offline by a survivor with {@code lastSeen}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PresenceContract {
  protected static final Duration GRACE = Duration.ofSeconds(5);

  protected final FakeClock clock = new FakeClock();
  protected final FakeTimers timers = new FakeTimers(clock);
  protected final RecordingBus bus = new RecordingBus();
  protected final InMemoryAccountStore accounts = new InMemoryAccountStore();
  protected PresenceRegistry registry;
  protected Presence presence;
  private final String run = Ids.randomBase64(6).replace('-', 'x').replace('_', 'y');

  /** The registry of the node under test; called before each test. */
  protected abstract PresenceRegistry newRegistry() throws Exception;

  /** Releases what the test opened; called after each test. */
  protected void closeAll() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    registry = newRegistry();
    presence = presenceOn(registry);
  }

  @AfterEach
  void close() throws Exception {
    closeAll();
  }

  /** Presence on another registry, as another node of the same deployment would run it. */
  protected final Presence presenceOn(PresenceRegistry r) {
    return new Presence(r, accounts, new InMemoryMessageStore(), bus, clock, timers, GRACE);
  }

  @Test
  void lastDisconnect_announcesOfflineAfterTheGrace_andStoresLastSeen() {
    String alice = newUser("alice");
    presence.connected(alice, "k1");
    presence.disconnected(alice, "k1");

    timers.advance(GRACE.minusMillis(1));
    assertThat(offlines(alice)).isZero();
    assertThat(presence.statusOf(user(alice)).online()).as("online within the grace").isTrue();

    timers.advance(Duration.ofMillis(1));
    long offlineAt = clock.millis();
    waitForOffline(alice);
    assertThat(bus.eventsOn(Topics.presence(alice), PresenceChanged.class))
        .last()
        .isEqualTo(new PresenceChanged(alice, false, offlineAt));
    assertThat(user(alice).lastSeen()).isEqualTo(offlineAt);
    assertThat(presence.statusOf(user(alice)).online()).isFalse();
    assertThat(presence.statusOf(user(alice)).lastSeen()).isEqualTo(offlineAt);
  }

  @Test
  void reconnectWithinTheGrace_announcesNothing_andLeavesLastSeen() {
    String alice = newUser("alice");
    presence.connected(alice, "k1");
    presence.disconnected(alice, "k1");
    timers.advance(GRACE.minusSeconds(1));

    presence.connected(alice, "k2");
    timers.advance(GRACE.multipliedBy(3));

    assertThat(bus.eventsOn(Topics.presence(alice), PresenceChanged.class))
        .extracting(PresenceChanged::online)
        .containsExactly(true);
    assertThat(user(alice).lastSeen()).isZero();
  }

  @Test
  void reconnectAfterTheGrace_announcesOnlineAgain_andLastSeenStays() {
    String alice = newUser("alice");
    presence.connected(alice, "k1");
    presence.disconnected(alice, "k1");
    timers.advance(GRACE);
    waitForOffline(alice);
    long offlineAt = user(alice).lastSeen();

    presence.connected(alice, "k2");

    assertThat(bus.eventsOn(Topics.presence(alice), PresenceChanged.class))
        .extracting(PresenceChanged::online)
        .containsExactly(true, false, true);
    assertThat(user(alice).lastSeen()).isEqualTo(offlineAt);
    assertThat(presence.statusOf(user(alice)).online()).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  protected final String newUser(String name) {
    User u = new User("u" + run + "_" + name, name, name, "plain:unused", clock.millis(), 0);
    await(accounts.createUser(u));
    return u.id();
  }

  protected final User user(String id) {
    return accounts.user(id).orElseThrow();
  }

  protected final long offlines(String userId) {
    return bus.eventsOn(Topics.presence(userId), PresenceChanged.class).stream()
        .filter(p -> !p.online())
        .count();
  }

  /** lastSeen is stored asynchronously before offline is announced: waits for the announcement. */
  protected final void waitForOffline(String userId) {
    dev.messenger.core.testing.Eventually.waitUntil(
        "offline announced for " + userId, () -> offlines(userId) > 0);
  }
}
