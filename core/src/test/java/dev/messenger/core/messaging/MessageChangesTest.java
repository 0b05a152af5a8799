package dev.messenger.core.messaging;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.assertFutureFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent.MessageStored;
import dev.messenger.core.conversations.SettingsPatch;
import dev.messenger.core.model.Changes;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.model.Update.Action;
import dev.messenger.core.store.UpdateResult;
import dev.messenger.core.testing.CoreFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md section 4 and 5 rules through {@link MessageChanges} on the in-memory store. */
class MessageChangesTest {
  private CoreFixture f;
  private Caller alice;
  private Caller bob;
  private Caller carol;
  private String group;
  private int clientIds;

  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    alice = f.newUser("alice");
    bob = f.newUser("bob");
    carol = f.newUser("carol");
    group = f.group(alice, "trio", bob, carol); // alice is admin; seq 1 is "created"
  }

  private Message send(Caller who, String body) {
    return await(f.messaging.send(who, new SendCommand(group, null, "c" + clientIds++, body, null)))
        .message();
  }

  private UpdateResult change(Caller who, Action a, long seq, String body, String emoji) {
    return await(f.changes.change(who, UpdateCommand.of(group, a, seq, body, emoji)));
  }

  private void assertFails(ErrorCode code, Caller who, Action a, long seq, String body, String e) {
    assertFutureFailsWith(
        code, () -> f.changes.change(who, UpdateCommand.of(group, a, seq, body, e)));
  }

  @Test
  void edit_takesNextSeq_andHistoryShowsCurrentStateAndTheEntry() {
    Message m = send(bob, "helo");
    f.clock.advance(Duration.ofSeconds(5));
    UpdateResult r = change(bob, Action.EDITED, m.seq(), "hello", null);
    assertThat(r.entry().seq()).isEqualTo(m.seq() + 1);
    assertThat(r.entry().kind()).isEqualTo(Message.Kind.UPDATE);
    assertThat(r.entry().body()).isEmpty();
    assertThat(r.entry().details().update().body()).isEqualTo("hello");
    assertThat(r.target().body()).isEqualTo("hello");
    assertThat(r.target().details().editedAt()).isEqualTo(f.clock.millis());
    List<Message> history = f.messaging.history(carol.userId(), group, null, null, 50).messages();
    assertThat(history).extracting(Message::seq).containsExactly(1L, 2L, 3L);
    assertThat(history.get(1).body()).isEqualTo("hello");
    assertThat(history.get(2).details().update().target()).isEqualTo(m.seq());
    assertThat(f.bus.eventsOfType(MessageStored.class))
        .extracting(e -> e.message().seq())
        .contains(r.entry().seq());
  }

  @Test
  void edit_rules() {
    Message m = send(bob, "hi");
    assertFails(ErrorCode.FORBIDDEN, alice, Action.EDITED, m.seq(), "x", null);
    assertFails(ErrorCode.BAD_REQUEST, bob, Action.EDITED, 1, "x", null); // the system message
    assertFails(ErrorCode.NOT_FOUND, bob, Action.EDITED, 99, "x", null);
    assertFails(ErrorCode.TOO_LARGE, bob, Action.EDITED, m.seq(), "x".repeat(21), null);
    assertFails(ErrorCode.BAD_REQUEST, bob, Action.EDITED, m.seq(), "  ", null);
    assertThat(change(bob, Action.EDITED, m.seq(), "hi", null).noop()).isTrue();
    f.clock.advance(Duration.ofMillis(CoreFixture.WINDOW + 1));
    assertFails(ErrorCode.FORBIDDEN, bob, Action.EDITED, m.seq(), "late", null);
  }

  @Test
  void delete_bySenderInWindow_orAdminAnyTime_thenEditConflicts() {
    Message mine = send(bob, "oops");
    assertFails(ErrorCode.FORBIDDEN, carol, Action.DELETED, mine.seq(), null, null);
    UpdateResult r = change(bob, Action.DELETED, mine.seq(), null, null);
    assertThat(r.target().details().deleted()).isTrue();
    assertThat(r.target().body()).isEmpty();
    assertThat(change(bob, Action.DELETED, mine.seq(), null, null).noop()).isTrue();
    assertFails(ErrorCode.CONFLICT, bob, Action.EDITED, mine.seq(), "again", null);
    assertFails(ErrorCode.CONFLICT, carol, Action.REACTED, mine.seq(), null, "👍");

    Message old = send(carol, "old");
    f.clock.advance(Duration.ofMillis(CoreFixture.WINDOW + 1));
    assertFails(ErrorCode.FORBIDDEN, carol, Action.DELETED, old.seq(), null, null);
    assertThat(change(alice, Action.DELETED, old.seq(), null, null).noop()).isFalse();
  }

  @Test
  void reactions_orderCountsNoOpsAndLimit() {
    Message m = send(bob, "nice");
    change(carol, Action.REACTED, m.seq(), null, "👍");
    change(alice, Action.REACTED, m.seq(), null, "🎉");
    UpdateResult r = change(alice, Action.REACTED, m.seq(), null, "👍");
    assertThat(r.target().details().reactions())
        .containsExactly(
            new Reaction("👍", 2, List.of(carol.userId(), alice.userId())),
            new Reaction("🎉", 1, List.of(alice.userId())));
    assertThat(change(alice, Action.REACTED, m.seq(), null, "👍").noop()).isTrue();
    assertThat(change(bob, Action.UNREACTED, m.seq(), null, "👍").noop()).isTrue();
    assertThat(change(carol, Action.UNREACTED, m.seq(), null, "👍").noop()).isFalse();
    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> UpdateCommand.of(group, Action.REACTED, 2, null, ""));
    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> UpdateCommand.of(group, Action.REACTED, 2, null, "x".repeat(17)));
    for (int i = 1; i < Changes.MAX_EMOJI_PER_MESSAGE - 1; i++) {
      change(bob, Action.REACTED, m.seq(), null, "e" + i);
    }
    assertFails(ErrorCode.TOO_LARGE, bob, Action.REACTED, m.seq(), null, "one-too-many");
    assertThat(f.messaging.history(bob.userId(), group, null, null, 1).messages()).hasSize(1);
  }

  @Test
  void pins_adminsOnlyInGroups_noOpsAndSummary() {
    Message m = send(bob, "pin me");
    assertFails(ErrorCode.FORBIDDEN, bob, Action.PINNED, m.seq(), null, null);
    change(alice, Action.PINNED, m.seq(), null, null);
    assertThat(change(alice, Action.PINNED, m.seq(), null, null).noop()).isTrue();
    assertThat(f.conversations.summary(carol.userId(), group).pinned()).containsExactly(m.seq());
    change(alice, Action.UNPINNED, m.seq(), null, null);
    assertThat(change(alice, Action.UNPINNED, m.seq(), null, null).noop()).isTrue();
    assertThat(f.conversations.summary(carol.userId(), group).pinned()).isEmpty();
  }

  @Test
  void readBy_unreadCount_clearAndMute() {
    Message m = send(bob, "one");
    send(bob, "two");
    await(f.receipts.ack(carol, group, m.seq(), dev.messenger.core.model.ReceiptStatus.READ));
    ReadBy by = f.changes.readBy(alice.userId(), group, m.seq());
    assertThat(by.read()).containsExactly(carol.userId());
    assertThat(by.delivered()).containsExactly(carol.userId());
    assertThat(f.conversations.summary(carol.userId(), group).unreadCount()).isEqualTo(1);
    assertThat(f.conversations.summary(alice.userId(), group).unreadCount()).isEqualTo(2);
    change(bob, Action.DELETED, m.seq() + 1, null, null);
    var summary = f.conversations.summary(alice.userId(), group);
    assertThat(summary.unreadCount()).isEqualTo(1);
    assertThat(summary.lastMessage().seq()).isEqualTo(m.seq() + 1); // not the update entry

    await(f.conversationSettings.clear(alice, group, m.seq()));
    assertThat(f.conversations.summary(alice.userId(), group).unreadCount()).isZero();
    assertThat(f.messaging.history(alice.userId(), group, null, null, 50).messages())
        .allMatch(x -> x.seq() > m.seq());
    assertFailsWith(ErrorCode.NOT_FOUND, () -> f.changes.message(alice.userId(), group, m.seq()));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.conversationSettings.clear(alice, group, 999));

    var muted =
        await(f.conversationSettings.change(alice, group, new SettingsPatch(true, 5_000L, true)));
    assertThat(muted.mine().mutedUntil()).isEqualTo(5_000L);
    assertThat(muted.mine().archived()).isTrue();
    assertThat(f.conversations.summary(bob.userId(), group).mine().archived()).isFalse();
  }

  @Test
  void send_replyMentionsForward() {
    Message m = send(bob, "question?");
    Message reply =
        await(
                f.messaging.send(
                    alice,
                    new SendCommand(
                        group, null, "r1", "answer", null, m.seq(), List.of(bob.userId()), null)))
            .message();
    assertThat(reply.details().replyTo()).isEqualTo(m.seq());
    assertThat(reply.details().mentions()).containsExactly(bob.userId());
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () ->
            f.messaging.send(alice, new SendCommand(group, null, "r2", "x", null, 1L, null, null)));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST,
        () ->
            f.messaging.send(
                alice,
                new SendCommand(group, null, "r3", "x", null, null, List.of("u_nobody"), null)));
    Caller dave = f.newUser("dave");
    String other = f.group(alice, "other", dave);
    Message fwd =
        await(
                f.messaging.send(
                    alice,
                    new SendCommand(
                        other,
                        null,
                        "f1",
                        null,
                        null,
                        null,
                        null,
                        new SendCommand.Forward(group, m.seq()))))
            .message();
    assertThat(fwd.body()).isEqualTo("question?");
    assertThat(fwd.details().forwarded()).isTrue();
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () ->
            f.messaging.send(
                dave,
                new SendCommand(
                    other, null, "f2", null, null, null, null, new SendCommand.Forward(group, 2))));
  }
}
