package dev.messenger.core.presence;

import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.User;
import dev.messenger.core.bus.BusEvent.PresenceChanged;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.testing.CoreFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceTest {
  private static final Duration GRACE = CoreFixture.PRESENCE_GRACE;

  private CoreFixture f;
  private Caller alice;
  private String topic;

  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    alice = f.newUser("alice");
    topic = Topics.presence(alice.userId());
  }

  @Test
  void firstConnection_announcesOnline() {
    long now = f.clock.millis();

    f.presence.connected(alice.userId(), "conn-1");

    assertThat(f.bus.eventsOn(topic))
        .containsExactly(new PresenceChanged(alice.userId(), true, now));
  }

  @Test
  void secondDevice_announcesNothing() {
    f.presence.connected(alice.userId(), "conn-1");

    f.presence.connected(alice.userId(), "conn-2");
    f.presence.disconnected(alice.userId(), "conn-1");
    f.timers.advance(GRACE.multipliedBy(2));

    assertThat(f.bus.eventsOn(topic)).hasSize(1);
    assertThat(f.timers.pending()).isZero();
  }

  @Test
  void lastDisconnect_offlineOnlyAfterGrace_lastSeenStored() {
    f.presence.connected(alice.userId(), "conn-1");
    f.presence.disconnected(alice.userId(), "conn-1");

    f.timers.advance(GRACE.minusMillis(1));
    assertThat(f.bus.eventsOn(topic, PresenceChanged.class)).noneMatch(e -> !e.online());
    assertThat(f.presence.statusOf(user(alice)).online()).as("online during the grace").isTrue();

    f.timers.advance(Duration.ofMillis(1));
    long offlineAt = f.clock.millis();
    assertThat(f.bus.eventsOn(topic, PresenceChanged.class))
        .last()
        .isEqualTo(new PresenceChanged(alice.userId(), false, offlineAt));
    assertThat(user(alice).lastSeen()).isEqualTo(offlineAt);
    PresenceStatus status = f.presence.statusOf(user(alice));
    assertThat(status.online()).isFalse();
    assertThat(status.lastSeen()).isEqualTo(offlineAt);
    assertThat(status.status()).isEqualTo("offline");
  }

  @Test
  void reconnectWithinGrace_announcesNothing() {
    long t0 = f.clock.millis();
    f.presence.connected(alice.userId(), "conn-1");
    f.presence.disconnected(alice.userId(), "conn-1");
    f.timers.advance(GRACE.minusSeconds(1));

    f.presence.connected(alice.userId(), "conn-2");
    f.timers.advance(GRACE.multipliedBy(3));

    assertThat(f.bus.eventsOn(topic))
        .containsExactly(new PresenceChanged(alice.userId(), true, t0));
    assertThat(user(alice).lastSeen()).isZero();
    assertThat(f.timers.pending()).isZero();
  }

  @Test
  void reconnectAfterGrace_announcesOnlineAgain() {
    f.presence.connected(alice.userId(), "conn-1");
    f.presence.disconnected(alice.userId(), "conn-1");
    f.timers.advance(GRACE);

    f.presence.connected(alice.userId(), "conn-2");

    assertThat(f.bus.eventsOn(topic, PresenceChanged.class))
        .extracting(PresenceChanged::online)
        .containsExactly(true, false, true);
  }

  // ------------------------------------------------------------------ visibility

  @Test
  void sharedConversation_visible() {
    Caller bob = f.newUser("bob");
    await(f.conversations.openDirect(alice, bob.userId()));
    f.presence.connected(alice.userId(), "conn-1");

    assertThat(f.presence.visible(bob.userId(), alice.userId())).isTrue();
    assertThat(f.presence.view(bob.userId(), alice.userId()))
        .hasValueSatisfying(
            p -> {
              assertThat(p.userId()).isEqualTo(alice.userId());
              assertThat(p.online()).isTrue();
              assertThat(p.lastSeen()).isEqualTo(f.clock.millis());
            });
  }

  @Test
  void targetHasViewerAsContact_visible_notTheOtherWay() {
    Caller bob = f.newUser("bob");
    await(f.accounts.addContact(alice, bob.userId()));

    assertThat(f.presence.view(bob.userId(), alice.userId())).isPresent();
    assertThat(f.presence.view(alice.userId(), bob.userId()))
        .as("alice listing bob does not let alice see bob")
        .isEmpty();
  }

  @Test
  void stranger_getsEmpty() {
    Caller stranger = f.newUser("stranger");
    f.presence.connected(alice.userId(), "conn-1");

    assertThat(f.presence.visible(stranger.userId(), alice.userId())).isFalse();
    assertThat(f.presence.view(stranger.userId(), alice.userId())).isEmpty();
    assertThat(f.presence.view(stranger.userId(), "u_nobody")).isEmpty();
    assertThat(f.presence.view(stranger.userId(), null)).isEmpty();
  }

  @Test
  void formerGroupMember_noLongerSees() {
    Caller bob = f.newUser("bob");
    String g =
        await(f.conversations.createGroup(alice, "g", List.of(bob.userId()))).conversation().id();
    assertThat(f.presence.visible(bob.userId(), alice.userId())).isTrue();

    await(f.conversations.removeMember(bob, g, bob.userId()));

    assertThat(f.presence.visible(bob.userId(), alice.userId())).isFalse();
  }

  @Test
  void self_alwaysVisible_offlineWithLastSeen() {
    await(f.accountStore.setLastSeen(alice.userId(), 1234));

    assertThat(f.presence.view(alice.userId(), alice.userId()))
        .contains(new PresenceStatus(alice.userId(), false, 1234));
  }

  private User user(Caller c) {
    return f.accountStore.user(c.userId()).orElseThrow();
  }
}
