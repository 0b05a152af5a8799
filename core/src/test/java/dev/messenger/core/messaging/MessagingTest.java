package dev.messenger.core.messaging;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.assertFutureFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent.MessageStored;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.testing.CoreFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingTest {
  private static final String EMOJI = "😀"; // one code point, two UTF-16 chars

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
    group = f.group(alice, "trio", bob, carol);
    f.bus.clear();
  }

  // ------------------------------------------------------------------ validation

  @Test
  void send_clientIdOneTo64Chars_accepted() {
    assertThat(send(alice, "x", "hi").message().clientId()).isEqualTo("x");
    assertThat(send(alice, "y".repeat(64), "hi").message().clientId()).hasSize(64);
  }

  @Test
  void send_clientIdEmptyMissingOrTooLong_badRequest() {
    for (String clientId : new String[] {"", null, "z".repeat(65)}) {
      assertFailsWith(
          ErrorCode.BAD_REQUEST,
          () -> f.messaging.send(alice, new SendCommand(group, null, clientId, "hi", null)));
    }
    assertNothingStored();
  }

  @Test
  void send_bodyAtLimitInCodePoints_accepted() {
    String body = EMOJI.repeat(CoreFixture.MAX_MESSAGE_CHARS); // 40 UTF-16 chars

    assertThat(send(alice, "c1", body).message().body()).isEqualTo(body);
  }

  @Test
  void send_bodyOverLimit_tooLarge() {
    String body = EMOJI.repeat(CoreFixture.MAX_MESSAGE_CHARS + 1);

    assertFutureFailsWith(
        ErrorCode.TOO_LARGE,
        () -> f.messaging.send(alice, new SendCommand(group, null, "c1", body, null)));
    assertNothingStored();
  }

  @Test
  void send_blankOrMissingBody_badRequest() {
    for (String body : new String[] {null, "", "   "}) {
      assertFailsWith(
          ErrorCode.BAD_REQUEST,
          () -> f.messaging.send(alice, new SendCommand(group, null, "c1", body, null)));
    }
    assertNothingStored();
  }

  @Test
  void send_bothOrNeitherOfConversationIdAndTo_badRequest() {
    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> f.messaging.send(alice, new SendCommand(group, bob.userId(), "c1", "hi", null)));
    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> f.messaging.send(alice, new SendCommand(null, null, "c2", "hi", null)));
    assertNothingStored();
  }

  @Test
  void send_nonMember_notFound() {
    Caller stranger = f.newUser("stranger");

    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () -> f.messaging.send(stranger, new SendCommand(group, null, "c1", "hi", null)));
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () -> f.messaging.send(alice, new SendCommand("c_missing", null, "c2", "hi", null)));
    assertNothingStored();
  }

  @Test
  void send_formerMember_forbidden() {
    await(f.conversations.removeMember(carol, group, carol.userId()));
    f.bus.clear();

    assertFutureFailsWith(
        ErrorCode.FORBIDDEN,
        () -> f.messaging.send(carol, new SendCommand(group, null, "c1", "hi", null)));
    assertThat(f.bus.events()).isEmpty();
  }

  @Test
  void send_to_createsDirectConversationOnce() {
    AppendResult first =
        await(f.messaging.send(alice, new SendCommand(null, bob.userId(), "c1", "hi", null)));
    AppendResult second =
        await(f.messaging.send(bob, new SendCommand(null, alice.userId(), "c2", "yo", null)));

    assertThat(second.message().conversationId()).isEqualTo(first.message().conversationId());
    assertThat(List.of(first.message().seq(), second.message().seq())).containsExactly(1L, 2L);
    assertThat(f.store.findDirect(alice.userId(), bob.userId()))
        .map(c -> c.id())
        .contains(first.message().conversationId());
  }

  @Test
  void send_toNewPeer_returnsAtOnce_completesAfterBothCommits() {
    f.store.pauseWrites();

    // Used to join() the direct conversation's creation: with writes held it never returned.
    CompletableFuture<AppendResult> sent =
        f.messaging.send(alice, new SendCommand(null, bob.userId(), "c1", "hi", null));

    assertThat(sent).isNotDone();
    assertThat(f.store.heldWrites()).as("only the direct conversation so far").isEqualTo(1);
    f.store.resumeWrites();
    AppendResult r = await(sent);
    assertThat(r.message().seq()).isEqualTo(1);
    assertThat(f.store.findDirect(alice.userId(), bob.userId()))
        .map(c -> c.id())
        .contains(r.message().conversationId());
  }

  @Test
  void send_toUnknownUser_notFound() {
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () -> f.messaging.send(alice, new SendCommand(null, "u_nobody", "c1", "hi", null)));
  }

  // ------------------------------------------------------------------ fan-out

  @Test
  void send_storesWithServerTime_andFansOutToEveryMember() {
    f.clock.setMillis(1_700_000_123_000L);

    AppendResult r = send(alice, "c1", "hello");

    Message m = r.message();
    assertThat(m.seq()).isEqualTo(2); // 1 is "created"
    assertThat(m.ts()).isEqualTo(1_700_000_123_000L);
    assertThat(m.senderId()).isEqualTo(alice.userId());
    assertThat(m.senderDeviceId()).isEqualTo(alice.deviceId());
    assertThat(f.store.messages(m.conversationId(), 1, null, null, 10)).contains(m);
    List<MessageStored> events = f.bus.eventsOfType(MessageStored.class);
    assertThat(events).hasSize(3);
    MessageStored event = events.get(0);
    assertThat(events).allSatisfy(e -> assertThat(e).isSameAs(event));
    assertThat(event.message()).isEqualTo(m);
    assertThat(event.message().senderDeviceId()).isEqualTo(alice.deviceId());
    assertThat(f.bus.topicsOf(event))
        .containsExactlyInAnyOrder(
            Topics.user(alice.userId()), Topics.user(bob.userId()), Topics.user(carol.userId()));
  }

  @Test
  void send_fansOutOnlyAfterTheCommit() {
    f.store.pauseWrites();

    CompletableFuture<AppendResult> pending =
        f.messaging.send(alice, new SendCommand(group, null, "c1", "hello", null));

    assertThat(pending).isNotDone();
    assertThat(f.bus.events()).isEmpty();
    f.store.resumeWrites();
    assertThat(await(pending).message().seq()).isEqualTo(2);
    assertThat(f.bus.eventsOfType(MessageStored.class)).hasSize(3);
  }

  @Test
  void send_failedCommit_failsUnavailable_publishesNothing() {
    f.store.failWrites(new MessengerException(ErrorCode.UNAVAILABLE, "disk full"));

    assertFutureFailsWith(
        ErrorCode.UNAVAILABLE,
        () -> f.messaging.send(alice, new SendCommand(group, null, "c1", "hello", null)));

    assertThat(f.bus.events()).isEmpty();
  }

  @Test
  void send_sameClientId_returnsOriginalSeq_publishesNothing() {
    AppendResult first = send(alice, "same", "hello");
    f.clock.advance(Duration.ofSeconds(5));
    f.bus.clear();

    AppendResult again = send(alice, "same", "hello again");

    assertThat(again.duplicate()).isTrue();
    assertThat(again.message()).isEqualTo(first.message());
    assertThat(again.message().ts()).isEqualTo(first.message().ts());
    assertThat(f.bus.events()).isEmpty();
    assertThat(f.store.conversation(group).orElseThrow().lastSeq()).isEqualTo(2);
  }

  @Test
  void send_removedMemberGetsNoFanOut() {
    await(f.conversations.removeMember(alice, group, carol.userId()));
    f.bus.clear();

    send(alice, "c1", "after carol");

    assertThat(f.bus.eventsOn(Topics.user(carol.userId()))).isEmpty();
    assertThat(f.bus.eventsOn(Topics.user(bob.userId()), MessageStored.class)).hasSize(1);
  }

  // ------------------------------------------------------------------ history

  @Test
  void history_default_newestFiftyAscending_hasMore() {
    sendMany(alice, 60); // seqs 2..61

    HistoryPage page = f.messaging.history(bob.userId(), group, null, null, null);

    assertThat(seqs(page)).hasSize(50).startsWith(12L).endsWith(61L).isSorted();
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void history_before_pagesBackwardsUntilNoMore() {
    sendMany(alice, 9); // seqs 2..10

    HistoryPage newest = f.messaging.history(bob.userId(), group, null, null, 4);
    HistoryPage older = f.messaging.history(bob.userId(), group, 7L, null, 4);
    HistoryPage oldest = f.messaging.history(bob.userId(), group, 3L, null, 4);

    assertThat(seqs(newest)).containsExactly(7L, 8L, 9L, 10L);
    assertThat(newest.hasMore()).isTrue();
    assertThat(seqs(older)).containsExactly(3L, 4L, 5L, 6L);
    assertThat(older.hasMore()).isTrue();
    assertThat(seqs(oldest)).containsExactly(1L, 2L);
    assertThat(oldest.hasMore()).isFalse();
  }

  @Test
  void history_after_pagesForwardUntilNoMore() {
    sendMany(alice, 9); // seqs 2..10

    HistoryPage first = f.messaging.history(bob.userId(), group, null, 0L, 4);
    HistoryPage next = f.messaging.history(bob.userId(), group, null, 4L, 4);
    HistoryPage last = f.messaging.history(bob.userId(), group, null, 8L, 4);
    HistoryPage none = f.messaging.history(bob.userId(), group, null, 10L, 4);

    assertThat(seqs(first)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(first.hasMore()).isTrue();
    assertThat(seqs(next)).containsExactly(5L, 6L, 7L, 8L);
    assertThat(next.hasMore()).isTrue();
    assertThat(seqs(last)).containsExactly(9L, 10L);
    assertThat(last.hasMore()).isFalse();
    assertThat(none.messages()).isEmpty();
    assertThat(none.hasMore()).isFalse();
  }

  @Test
  void history_exactlyLimitLeft_hasMoreFalse() {
    sendMany(alice, 3); // seqs 2..4

    HistoryPage page = f.messaging.history(bob.userId(), group, null, null, 4);

    assertThat(seqs(page)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void history_addedMember_seesFromItsJoinOn() {
    Caller dave = f.newUser("dave");
    sendMany(alice, 3); // 2..4
    await(f.conversations.addMember(alice, group, dave.userId())); // 5
    send(dave, "d1", "hi all"); // 6

    HistoryPage page = f.messaging.history(dave.userId(), group, null, null, 50);
    HistoryPage before = f.messaging.history(dave.userId(), group, 5L, null, 50);
    HistoryPage after = f.messaging.history(dave.userId(), group, null, 0L, 1);

    assertThat(seqs(page)).containsExactly(5L, 6L);
    assertThat(page.messages().get(0).event().action()).isEqualTo(SystemEvent.Action.MEMBER_ADDED);
    assertThat(page.hasMore()).isFalse();
    assertThat(before.messages()).isEmpty();
    assertThat(before.hasMore()).isFalse();
    assertThat(seqs(after)).containsExactly(5L);
    assertThat(after.hasMore()).isTrue();
  }

  @Test
  void history_invalidArguments_badRequest() {
    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.messaging.history(bob.userId(), group, 5L, 1L, 10));
    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.messaging.history(bob.userId(), group, null, null, 0));
    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.messaging.history(bob.userId(), group, null, null, 201));
    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.messaging.history(bob.userId(), group, 0L, null, 10));
    assertThat(f.messaging.history(bob.userId(), group, null, null, 200).messages()).hasSize(1);
  }

  @Test
  void history_nonMemberNotFound_formerMemberForbidden() {
    Caller stranger = f.newUser("stranger");
    await(f.conversations.removeMember(carol, group, carol.userId()));

    assertFailsWith(
        ErrorCode.NOT_FOUND, () -> f.messaging.history(stranger.userId(), group, null, null, 10));
    assertFailsWith(
        ErrorCode.FORBIDDEN, () -> f.messaging.history(carol.userId(), group, null, null, 10));
  }

  @Test
  void between_fillsAGap_respectingTheJoinFloor() {
    sendMany(alice, 5); // 2..6

    assertThat(f.messaging.between(bob.userId(), group, 2, 6))
        .extracting(Message::seq)
        .containsExactly(3L, 4L, 5L);
    assertThat(f.messaging.between(bob.userId(), group, 3, 4)).isEmpty();
    assertThat(f.messaging.between("u_stranger", group, 0, 6)).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private AppendResult send(Caller from, String clientId, String body) {
    return await(f.messaging.send(from, new SendCommand(group, null, clientId, body, null)));
  }

  private void sendMany(Caller from, int n) {
    for (int i = 0; i < n; i++) {
      send(from, "bulk-" + i, "message " + i);
    }
  }

  private void assertNothingStored() {
    assertThat(f.store.conversation(group).orElseThrow().lastSeq()).isEqualTo(1);
    assertThat(f.bus.events()).isEmpty();
  }

  private static List<Long> seqs(HistoryPage page) {
    return page.messages().stream().map(Message::seq).toList();
  }
}
