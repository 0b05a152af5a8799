package dev.messenger.core.receipts;

import static dev.messenger.core.testing.Failures.assertFutureFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent.ReceiptMoved;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.testing.CoreFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
  private CoreFixture f;
  private Caller alice;
  private Caller bob;
  private Caller carol;
  private String group;

  /** Group of alice (admin), bob and carol; seq 1 "created", seqs 2..4 from alice. */
  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    alice = f.newUser("alice");
    bob = f.newUser("bob");
    carol = f.newUser("carol");
    group = f.group(alice, "g", bob, carol);
    for (int i = 0; i < 3; i++) {
      await(f.messaging.send(alice, new SendCommand(group, null, "c" + i, "m" + i, null)));
    }
    f.bus.clear();
  }

  @Test
  void delivered_movesCursor_publishesToEveryMember() {
    CursorMove move = await(f.receipts.ack(bob, group, 3, ReceiptStatus.DELIVERED));

    assertThat(move.deliveredMoved()).isTrue();
    assertThat(move.readMoved()).isFalse();
    var expected = new ReceiptMoved(group, bob.userId(), ReceiptStatus.DELIVERED, 3);
    assertThat(f.bus.events()).hasSize(3).allSatisfy(e -> assertThat(e).isEqualTo(expected));
    assertThat(f.bus.topicsOf(f.bus.events().get(0)))
        .containsExactlyInAnyOrder(
            Topics.user(alice.userId()), Topics.user(bob.userId()), Topics.user(carol.userId()));
    assertThat(cursors(bob)).containsExactly(3L, 0L);
  }

  @Test
  void read_impliesDelivered_publishesBoth() {
    await(f.receipts.ack(bob, group, 4, ReceiptStatus.READ));

    List<ReceiptMoved> toAlice = f.bus.eventsOn(Topics.user(alice.userId()), ReceiptMoved.class);
    assertThat(toAlice)
        .containsExactly(
            new ReceiptMoved(group, bob.userId(), ReceiptStatus.DELIVERED, 4),
            new ReceiptMoved(group, bob.userId(), ReceiptStatus.READ, 4));
    assertThat(cursors(bob)).containsExactly(4L, 4L);
  }

  @Test
  void readBelowDelivered_publishesReadOnly() {
    await(f.receipts.ack(bob, group, 4, ReceiptStatus.DELIVERED));
    f.bus.clear();

    await(f.receipts.ack(bob, group, 2, ReceiptStatus.READ));

    assertThat(f.bus.eventsOn(Topics.user(carol.userId())))
        .containsExactly(new ReceiptMoved(group, bob.userId(), ReceiptStatus.READ, 2));
    assertThat(cursors(bob)).containsExactly(4L, 2L);
  }

  @Test
  void lowerOrEqualSeq_neverMovesBack_publishesNothing() {
    await(f.receipts.ack(bob, group, 4, ReceiptStatus.READ));
    f.bus.clear();

    CursorMove delivered = await(f.receipts.ack(bob, group, 2, ReceiptStatus.DELIVERED));
    CursorMove read = await(f.receipts.ack(bob, group, 4, ReceiptStatus.READ));

    assertThat(delivered.deliveredMoved() || delivered.readMoved()).isFalse();
    assertThat(read.deliveredMoved() || read.readMoved()).isFalse();
    assertThat(f.bus.events()).isEmpty();
    assertThat(cursors(bob)).containsExactly(4L, 4L);
  }

  @Test
  void cursorsArePerMember() {
    await(f.receipts.ack(bob, group, 4, ReceiptStatus.READ));
    await(f.receipts.ack(carol, group, 2, ReceiptStatus.DELIVERED));

    assertThat(cursors(bob)).containsExactly(4L, 4L);
    assertThat(cursors(carol)).containsExactly(2L, 0L);
    assertThat(cursors(alice)).containsExactly(0L, 0L);
    assertThat(f.conversations.summary(alice.userId(), group).members())
        .filteredOn(m -> m.userId().equals(bob.userId()))
        .singleElement()
        .extracting(Member::readSeq)
        .isEqualTo(4L);
  }

  @Test
  void seqAboveLastSeqOrBelowOne_badRequest() {
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.receipts.ack(bob, group, 5, ReceiptStatus.DELIVERED));
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST, () -> f.receipts.ack(bob, group, 0, ReceiptStatus.READ));
    assertFutureFailsWith(ErrorCode.BAD_REQUEST, () -> f.receipts.ack(bob, group, 1, null));
    assertThat(f.bus.events()).isEmpty();
    assertThat(cursors(bob)).containsExactly(0L, 0L);
  }

  @Test
  void nonMemberNotFound_formerMemberForbidden() {
    Caller stranger = f.newUser("stranger");
    await(f.conversations.removeMember(carol, group, carol.userId()));
    f.bus.clear();

    assertFutureFailsWith(
        ErrorCode.NOT_FOUND, () -> f.receipts.ack(stranger, group, 1, ReceiptStatus.READ));
    assertFutureFailsWith(
        ErrorCode.FORBIDDEN, () -> f.receipts.ack(carol, group, 1, ReceiptStatus.READ));
    assertThat(f.bus.events()).isEmpty();
  }

  @Test
  void formerMember_noLongerGetsReceipts() {
    await(f.conversations.removeMember(alice, group, carol.userId()));
    f.bus.clear();

    await(f.receipts.ack(bob, group, 5, ReceiptStatus.READ));

    assertThat(f.bus.eventsOn(Topics.user(carol.userId()))).isEmpty();
    assertThat(f.bus.eventsOn(Topics.user(alice.userId()))).hasSize(2);
  }

  /** The member's (deliveredSeq, readSeq) as stored. */
  private List<Long> cursors(Caller c) {
    Member m = f.store.member(group, c.userId()).orElseThrow();
    return List.of(m.deliveredSeq(), m.readSeq());
  }
}
