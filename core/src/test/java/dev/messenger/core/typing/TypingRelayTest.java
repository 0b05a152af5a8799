package dev.messenger.core.typing;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent.Typing;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.testing.CoreFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypingRelayTest {
  private CoreFixture f;
  private Caller alice;
  private Caller bob;
  private Caller carol;
  private String group;

  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    alice = f.newUser("alice");
    bob = f.newUser("bob");
    carol = f.newUser("carol");
    group = f.group(alice, "g", bob, carol);
    f.bus.clear();
  }

  @Test
  void relay_toOtherMembersOnly_storesNothing() {
    f.typing.relay(alice, group, "start");

    Typing expected = new Typing(group, alice.userId(), "start");
    assertThat(f.bus.eventsOn(Topics.user(bob.userId()))).containsExactly(expected);
    assertThat(f.bus.eventsOn(Topics.user(carol.userId()))).containsExactly(expected);
    assertThat(f.bus.eventsOn(Topics.user(alice.userId()))).isEmpty();
    assertThat(f.store.conversation(group).orElseThrow().lastSeq()).isEqualTo(1);
  }

  @Test
  void relay_badState_badRequest_nonMember_notFound() {
    Caller stranger = f.newUser("stranger");

    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> {
          f.typing.relay(alice, group, "typing");
          return null;
        });
    assertFailsWith(
        ErrorCode.NOT_FOUND,
        () -> {
          f.typing.relay(stranger, group, "start");
          return null;
        });
    assertThat(f.bus.events()).isEmpty();
  }
}
