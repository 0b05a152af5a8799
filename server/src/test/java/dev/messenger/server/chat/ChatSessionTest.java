package dev.messenger.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.testing.CoreFixture;
import dev.messenger.server.wire.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat session with fakes and direct executors, deterministic and without sleeping (PROTOCOL.md
 * section 3): the ready handshake, fan-out and own-message suppression, errors, slow consumers,
 * removed members and revocation.
 */
class ChatSessionTest {
  private final ChatSessionFixture f = new ChatSessionFixture();
  private final Caller alice = f.core.newUser("alice");
  private final Caller bob = f.core.newUser("bob");
  private final String direct =
      f.core.conversations.directWith(alice.userId(), bob.userId()).join().id();

  @Test
  void ready_isTheFirstFrame_evenWhenDoorbellsRingBeforeIt() {
    f.workers.direct = false;
    var b = f.open(bob);
    // The start is queued on the worker pool: doorbells ring before ready is sent.
    f.core.messaging.send(alice, new SendCommand(direct, null, "c1", "one", List.of())).join();
    assertThat(b.out().frames).isEmpty();

    f.workers.runAll();
    f.core.messaging.send(alice, new SendCommand(direct, null, "c2", "two", List.of())).join();

    assertThat(b.out().frames.get(0)).isInstanceOf(ServerFrame.Ready.class);
    var ready = (ServerFrame.Ready) b.out().frames.get(0);
    assertThat(ready.userId()).isEqualTo(bob.userId());
    assertThat(ready.deviceId()).isEqualTo(bob.deviceId());
    // Seq 1 was committed before the cursors were read: it is for sync, not live delivery.
    assertThat(b.out().messageSeqs()).containsExactly(2L);
  }

  @Test
  void messagesCommittedBeforeReady_areNotDeliveredLive() {
    f.core.messaging.send(alice, new SendCommand(direct, null, "c0", "old", List.of())).join();
    var b = f.open(bob);
    f.core.messaging.send(alice, new SendCommand(direct, null, "c1", "new", List.of())).join();
    assertThat(b.out().messageSeqs()).containsExactly(2L);
  }

  @Test
  void send_answersSentToTheSendingDevice_andMessageToEveryOtherDevice() {
    var a1 = f.open(alice);
    var a2 = f.open(CoreFixture.otherDevice(alice, "d_alice2"));
    var b = f.open(bob);

    a1.text(ChatSessionFixture.send(direct, "x1", "hi"));

    var sent = a1.out().ofType(ServerFrame.Sent.class);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).ref()).isEqualTo("x1");
    assertThat(sent.get(0).seq()).isEqualTo(1);
    assertThat(a1.out().messageSeqs()).isEmpty();
    assertThat(a2.out().messageSeqs()).containsExactly(1L);
    assertThat(b.out().messageSeqs()).containsExactly(1L);
  }

  @Test
  void gapFill_neverEchoesTheSendingDevicesOwnMessage() {
    var a1 = f.open(alice);
    var a2 = f.open(CoreFixture.otherDevice(alice, "d_alice2"));
    a1.text(ChatSessionFixture.send(direct, "x1", "mine"));
    f.core.messaging.send(bob, new SendCommand(direct, null, "y1", "theirs", List.of())).join();

    // The bus lost events: both sessions read the store again.
    a1.session().recheck();
    a2.session().recheck();

    assertThat(a1.out().messageSeqs()).containsExactly(2L);
    assertThat(a2.out().messageSeqs()).containsExactly(1L, 2L);
  }

  @Test
  void malformedFrames_getBadRequest_andTheConnectionStays() {
    var a = f.open(alice);
    a.text("{not json");
    a.text("{\"type\":\"nope\",\"ref\":\"r1\"}");
    a.text("{\"type\":\"send\",\"ref\":\"r2\"}");
    a.text("{\"type\":\"ping\",\"ref\":\"p\"}");

    var errors = a.out().ofType(ServerFrame.Error.class);
    assertThat(errors).extracting(e -> e.code().wire()).containsOnly("bad_request");
    assertThat(errors).extracting(ServerFrame.Error::ref).containsExactly(null, "r1", "r2");
    assertThat(a.out().ofType(ServerFrame.Pong.class))
        .extracting(ServerFrame.Pong::ref)
        .containsExactly("p");
    assertThat(a.out().closedWith).isNull();
  }

  @Test
  void aFullOutboundQueue_closesWith1008_andOthersGoOn() {
    var slow = f.open(bob);
    var other = f.open(CoreFixture.otherDevice(bob, "d_bob2"));
    slow.out().capacity = slow.out().frames.size() + 1;

    for (int i = 0; i < 3; i++) {
      f.core.messaging.send(alice, new SendCommand(direct, null, "c" + i, "m", List.of())).join();
    }

    assertThat(slow.out().closedWith).isEqualTo(CloseCode.POLICY);
    assertThat(slow.out().messageSeqs()).containsExactly(1L);
    assertThat(other.out().messageSeqs()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aRemovedMember_getsItsRemoval_thenNothing() {
    Caller carol = f.core.newUser("carol");
    String group = f.core.group(alice, "g", bob, carol);
    var c = f.open(carol);

    f.core.conversations.removeMember(alice, group, carol.userId()).join();
    f.core.messaging.send(alice, new SendCommand(group, null, "after", "secret", List.of())).join();
    c.session().recheck();

    var seen = c.out().ofType(ServerFrame.Message.class);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).message().event().action().wire()).isEqualTo("member_removed");
  }

  @Test
  void revokingTheDevice_closesWith4001_onlyThatDevice() {
    var a1 = f.open(alice);
    var a2 = f.open(CoreFixture.otherDevice(alice, "d_alice2"));
    f.core.bus.publish(
        dev.messenger.core.bus.Topics.user(alice.userId()),
        new dev.messenger.core.bus.BusEvent.DeviceRevoked(alice.deviceId()));
    assertThat(a1.out().closedWith).isEqualTo(CloseCode.REVOKED);
    assertThat(a2.out().closedWith).isNull();
  }

  @Test
  void history_andSync_answerWithTheirRef() {
    var a = f.open(alice);
    a.text(ChatSessionFixture.send(direct, "x1", "hi"));
    a.text("{\"type\":\"history\",\"ref\":\"h\",\"conversationId\":\"" + direct + "\"}");
    a.text("{\"type\":\"sync\",\"ref\":\"s\"}");

    var history = a.out().ofType(ServerFrame.History.class);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).ref()).isEqualTo("h");
    assertThat(history.get(0).messages()).extracting(m -> m.body()).containsExactly("hi");
    var synced = a.out().ofType(ServerFrame.Synced.class);
    assertThat(synced.get(0).conversations()).hasSize(1);
  }

  @Test
  void closing_releasesTheDoorbell_andDeliversNothingMore() {
    var b = f.open(bob);
    b.out().close(CloseCode.NORMAL, "bye");
    f.core.messaging.send(alice, new SendCommand(direct, null, "c1", "late", List.of())).join();
    assertThat(b.out().messageSeqs()).isEmpty();
  }
}
