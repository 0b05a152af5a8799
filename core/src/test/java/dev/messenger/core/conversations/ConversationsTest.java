package dev.messenger.core.conversations;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.assertFutureFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent.MessageStored;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent.Action;
import dev.messenger.core.testing.CoreFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationsTest {
  private CoreFixture f;
  private Caller alice;
  private Caller bob;
  private Caller carol;

  @BeforeEach
  void setUp() {
    f = new CoreFixture(); // max group size 5
    alice = f.newUser("alice");
    bob = f.newUser("bob");
    carol = f.newUser("carol");
  }

  // ------------------------------------------------------------------ create

  @Test
  void createGroup_creatorIsAdmin_createdMessageFannedOutToAll() {
    ConversationSummary s =
        await(f.conversations.createGroup(alice, " Trio ", List.of(bob.userId(), carol.userId())));

    assertThat(s.conversation().kind()).isEqualTo(Conversation.Kind.GROUP);
    assertThat(s.conversation().name()).isEqualTo("Trio");
    assertThat(s.members())
        .extracting(Member::userId)
        .containsExactlyInAnyOrder(alice.userId(), bob.userId(), carol.userId());
    assertThat(role(s, alice)).isEqualTo(Member.Role.ADMIN);
    assertThat(role(s, bob)).isEqualTo(Member.Role.MEMBER);
    assertThat(s.lastMessage().event().action()).isEqualTo(Action.CREATED);
    for (Caller c : List.of(alice, bob, carol)) {
      assertThat(f.bus.eventsOn(Topics.user(c.userId()), MessageStored.class))
          .singleElement()
          .satisfies(e -> assertThat(e.message().seq()).isEqualTo(1));
    }
  }

  @Test
  void createGroup_atMaxSize_ok_aboveIt_tooLarge() {
    List<String> four = newUserIds(4);
    List<String> five = newUserIds(5);

    ConversationSummary atMax = await(f.conversations.createGroup(alice, "full", four));
    assertFutureFailsWith(
        ErrorCode.TOO_LARGE, () -> f.conversations.createGroup(alice, "too many", five));

    assertThat(atMax.members()).hasSize(CoreFixture.MAX_GROUP_SIZE);
    assertThat(f.store.conversationsOf(alice.userId())).hasSize(1);
  }

  @Test
  void createGroup_duplicatesAndCreatorInList_countOnce() {
    List<String> ids = newUserIds(4);
    List<String> withRepeats =
        List.of(ids.get(0), ids.get(0), alice.userId(), ids.get(1), ids.get(2), ids.get(3));

    ConversationSummary s = await(f.conversations.createGroup(alice, "g", withRepeats));

    assertThat(s.members()).hasSize(5);
  }

  @Test
  void createGroup_unknownMember_notFound_badName_badRequest() {
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () -> f.conversations.createGroup(alice, "g", List.of(bob.userId(), "u_nobody")));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversations.createGroup(alice, "  ", List.of()));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> f.conversations.createGroup(alice, "n".repeat(101), List.of()));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversations.createGroup(alice, "g", null));
    assertThat(f.store.conversationsOf(alice.userId())).isEmpty();
  }

  @Test
  void openDirect_sameConversationBothWays_createdOnlyFirst() {
    Conversations.Opened first = await(f.conversations.openDirect(alice, bob.userId()));
    Conversations.Opened again = await(f.conversations.openDirect(bob, alice.userId()));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.summary().conversation().id()).isEqualTo(first.summary().conversation().id());
    assertThat(first.summary().conversation().kind()).isEqualTo(Conversation.Kind.DIRECT);
    assertThat(first.summary().members()).hasSize(2);
  }

  @Test
  void openDirect_withSelf_badRequest_unknownPeer_notFound() {
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversations.openDirect(alice, alice.userId()));
    assertFutureFailsWith(ErrorCode.NOT_FOUND, () -> f.conversations.openDirect(alice, "u_nobody"));
  }

  // ------------------------------------------------------------------ admin rules

  @Test
  void nonAdmin_addRemoveRename_forbidden() {
    String g = group(alice, bob);
    Caller dave = f.newUser("dave");

    assertFutureFailsWith(
        ErrorCode.FORBIDDEN, () -> f.conversations.addMember(bob, g, dave.userId()));
    assertFutureFailsWith(
        ErrorCode.FORBIDDEN, () -> f.conversations.removeMember(bob, g, alice.userId()));
    assertFutureFailsWith(ErrorCode.FORBIDDEN, () -> f.conversations.rename(bob, g, "mine now"));
    assertThat(f.store.activeMembers(g)).hasSize(2);
    assertThat(f.store.conversation(g).orElseThrow().name()).isEqualTo("g");
  }

  @Test
  void nonMember_notFound() {
    String g = group(alice, bob);

    assertFutureFailsWith(
        ErrorCode.NOT_FOUND, () -> f.conversations.addMember(carol, g, carol.userId()));
    assertFailsWith(ErrorCode.NOT_FOUND, () -> f.conversations.summary(carol.userId(), g));
    assertFutureFailsWith(ErrorCode.NOT_FOUND, () -> f.conversations.rename(carol, g, "x"));
  }

  @Test
  void addMember_byAdmin_systemMessageToEveryoneIncludingNewMember() {
    String g = group(alice, bob);
    f.bus.clear();

    await(f.conversations.addMember(alice, g, carol.userId()));

    Member added = f.store.member(g, carol.userId()).orElseThrow();
    assertThat(added.joinedSeq()).isEqualTo(2);
    for (Caller c : List.of(alice, bob, carol)) {
      assertThat(f.bus.eventsOn(Topics.user(c.userId()), MessageStored.class))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.message().event().action()).isEqualTo(Action.MEMBER_ADDED);
                assertThat(e.message().event().userId()).isEqualTo(carol.userId());
                assertThat(e.message().event().by()).isEqualTo(alice.userId());
                assertThat(e.message().senderDeviceId()).isNull();
              });
    }
  }

  @Test
  void addMember_activeMember_isNoOp() {
    String g = group(alice, bob);
    f.bus.clear();

    await(f.conversations.addMember(alice, g, bob.userId()));

    assertThat(f.store.conversation(g).orElseThrow().lastSeq()).isEqualTo(1);
    assertThat(f.bus.events()).isEmpty();
  }

  @Test
  void addMember_beyondMaxSize_tooLarge() {
    String g = await(f.conversations.createGroup(alice, "g", newUserIds(4))).conversation().id();

    assertFutureFailsWith(
        ErrorCode.TOO_LARGE, () -> f.conversations.addMember(alice, g, bob.userId()));
    assertThat(f.store.member(g, bob.userId())).isEmpty();
  }

  @Test
  void rename_byAdmin_changesName_recordsSystemMessage() {
    String g = group(alice, bob);

    ConversationSummary s = await(f.conversations.rename(alice, g, "  Renamed  "));

    assertThat(s.conversation().name()).isEqualTo("Renamed");
    assertThat(s.lastMessage().event().action()).isEqualTo(Action.RENAMED);
    assertThat(s.lastMessage().event().name()).isEqualTo("Renamed");
    assertThat(f.bus.eventsOn(Topics.user(bob.userId()), MessageStored.class))
        .last()
        .satisfies(e -> assertThat(e.message().seq()).isEqualTo(2));
  }

  @Test
  void directConversation_hasNoMemberChanges() {
    String d = await(f.conversations.openDirect(alice, bob.userId())).summary().conversation().id();

    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversations.removeMember(alice, d, alice.userId()));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversations.addMember(alice, d, carol.userId()));
    assertFutureFailsWith(ErrorCode.BAD_REQUEST, () -> f.conversations.rename(alice, d, "x"));
  }

  // ------------------------------------------------------------------ leaving and removal

  @Test
  void leave_memberLeftMessage_thenForbidden_andGoneFromList() {
    String g = group(alice, bob, carol);
    f.bus.clear();

    await(f.conversations.removeMember(bob, g, bob.userId()));

    MessageStored left = f.bus.eventsOn(Topics.user(bob.userId()), MessageStored.class).get(0);
    assertThat(left.message().event().action()).isEqualTo(Action.MEMBER_LEFT);
    assertThat(left.message().event().by()).isEqualTo(bob.userId());
    assertThat(f.bus.topicsOf(left))
        .containsExactlyInAnyOrder(
            Topics.user(alice.userId()), Topics.user(bob.userId()), Topics.user(carol.userId()));
    assertFailsWith(ErrorCode.FORBIDDEN, () -> f.conversations.summary(bob.userId(), g));
    assertThat(f.conversations.list(bob.userId())).isEmpty();
    assertThat(f.conversations.summary(alice.userId(), g).members()).hasSize(2);
  }

  @Test
  void removedMember_getsTheRemovalMessage_thenNothing() {
    String g = group(alice, bob, carol);
    f.bus.clear();

    await(f.conversations.removeMember(alice, g, carol.userId()));
    await(f.messaging.send(alice, new SendCommand(g, null, "after", "carol can't see this", null)));
    await(f.conversations.rename(alice, g, "without carol"));

    List<MessageStored> toCarol = f.bus.eventsOn(Topics.user(carol.userId()), MessageStored.class);
    assertThat(toCarol).hasSize(1);
    Message removal = toCarol.get(0).message();
    assertThat(removal.event().action()).isEqualTo(Action.MEMBER_REMOVED);
    assertThat(removal.event().userId()).isEqualTo(carol.userId());
    assertThat(removal.event().by()).isEqualTo(alice.userId());
    assertThat(f.bus.eventsOn(Topics.user(carol.userId()))).hasSize(1);
    assertThat(f.bus.eventsOn(Topics.user(bob.userId()), MessageStored.class)).hasSize(3);
    assertFailsWith(ErrorCode.FORBIDDEN, () -> f.conversations.summary(carol.userId(), g));
  }

  @Test
  void removeMember_notAMember_notFound() {
    String g = group(alice, bob);

    assertFutureFailsWith(
        ErrorCode.NOT_FOUND, () -> f.conversations.removeMember(alice, g, carol.userId()));
  }

  @Test
  void adminLeaving_handsAdminToLongestStandingMember() {
    String g = await(f.conversations.createGroup(alice, "g", List.of())).conversation().id();
    await(f.conversations.addMember(alice, g, carol.userId())); // joins at 2
    await(f.conversations.addMember(alice, g, bob.userId())); // joins at 3

    await(f.conversations.removeMember(alice, g, alice.userId()));

    assertThat(f.store.member(g, carol.userId()).orElseThrow().role()).isEqualTo(Member.Role.ADMIN);
    assertThat(f.store.member(g, bob.userId()).orElseThrow().role()).isEqualTo(Member.Role.MEMBER);
    Caller dave = f.newUser("dave");
    await(f.conversations.addMember(carol, g, dave.userId()));
    assertFutureFailsWith(
        ErrorCode.FORBIDDEN, () -> f.conversations.removeMember(bob, g, dave.userId()));
  }

  @Test
  void readdedMember_seesOnlyFromItsNewJoin() {
    String g = group(alice, bob);
    await(f.conversations.removeMember(bob, g, bob.userId())); // 2
    await(f.messaging.send(alice, new SendCommand(g, null, "while-away", "secret", null))); // 3
    await(f.conversations.addMember(alice, g, bob.userId())); // 4

    ConversationSummary s = f.conversations.summary(bob.userId(), g);

    assertThat(s.lastMessage().seq()).isEqualTo(4);
    assertThat(f.messaging.history(bob.userId(), g, null, null, 50).messages())
        .extracting(Message::seq)
        .containsExactly(4L);
  }

  // ------------------------------------------------------------------ listing

  @Test
  void list_mostRecentlyActiveFirst_withLastMessage() {
    String g1 = group(alice, bob);
    f.clock.advance(Duration.ofSeconds(1));
    String d =
        await(f.conversations.openDirect(alice, carol.userId())).summary().conversation().id();
    f.clock.advance(Duration.ofSeconds(1));
    String g2 = group(alice, carol);
    f.clock.advance(Duration.ofSeconds(1));
    await(f.messaging.send(alice, new SendCommand(g1, null, "bump", "bump", null)));

    List<ConversationSummary> list = f.conversations.list(alice.userId());

    assertThat(list).extracting(s -> s.conversation().id()).containsExactly(g1, g2, d);
    assertThat(list.get(0).lastMessage().body()).isEqualTo("bump");
    assertThat(list.get(2).lastMessage()).isNull();
  }

  // ------------------------------------------------------------------ helpers

  private String group(Caller admin, Caller... others) {
    List<String> ids = Arrays.stream(others).map(Caller::userId).toList();
    return await(f.conversations.createGroup(admin, "g", ids)).conversation().id();
  }

  private List<String> newUserIds(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> f.newUser("user" + i + "_" + System.nanoTime()).userId())
        .toList();
  }

  private static Member.Role role(ConversationSummary s, Caller c) {
    return s.members().stream()
        .filter(m -> m.userId().equals(c.userId()))
        .findFirst()
        .orElseThrow()
        .role();
  }
}
