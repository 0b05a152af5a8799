package dev.messenger.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.model.Message;
import dev.messenger.server.wire.ServerFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure of a chat session: every bound of {@link SessionLimits} and a full worker pool,
 * each with its overflow action, with fakes and without sleeping.
 */
class ChatSessionBoundsTest {
  private final ChatSessionFixture f = new ChatSessionFixture();
  private final Caller alice = f.core.newUser("alice");
  private final Caller bob = f.core.newUser("bob");
  private final String direct =
      f.core.conversations.directWith(alice.userId(), bob.userId()).join().id();

  private Message fake(long seq) {
    return new Message(
        direct,
        seq,
        alice.userId(),
        "d_alice",
        "c" + seq,
        f.core.clock.millis(),
        Message.Kind.TEXT,
        "m" + seq,
        List.of(),
        null);
  }

  private void ring(long seq) {
    f.core.bus.publish(Topics.user(bob.userId()), new BusEvent.MessageStored(fake(seq)));
  }

  @Test
  void doorbellsBeforeReady_waitInTheBuffer_andFollowReady() {
    f.workers.direct = false;
    var b = f.open(bob);
    ring(1);
    ring(2);
    assertThat(b.out().frames).isEmpty();

    f.workers.runAll();

    assertThat(b.out().frames.get(0)).isInstanceOf(ServerFrame.Ready.class);
    assertThat(b.out().messageSeqs()).containsExactly(1L, 2L);
  }

  @Test
  void aFullEarlyBuffer_dropsDoorbells_andKeepsItsBound() {
    f.workers.direct = false;
    var b = f.open(bob);
    for (long seq = 1; seq <= 10; seq++) {
      ring(seq);
    }
    f.workers.runAll();
    // 4 buffered (the limit); the rest were dropped and the store was read again instead.
    assertThat(b.out().messageSeqs()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(b.out().closedWith).isNull();
  }

  @Test
  void sendsWaitingForTheirCommit_areBounded_byRateLimited() {
    var a = f.open(alice);
    f.core.store.pauseWrites();
    for (int i = 0; i < 5; i++) {
      a.text(ChatSessionFixture.send(direct, "x" + i, "m"));
    }
    assertThat(a.out().errorCodes()).containsExactly("rate_limited");
    assertThat(a.out().ofType(ServerFrame.Error.class).get(0).ref()).isEqualTo("x4");

    f.core.store.resumeWrites();
    assertThat(a.out().ofType(ServerFrame.Sent.class)).hasSize(4);
    a.text(ChatSessionFixture.send(direct, "again", "m"));
    assertThat(a.out().ofType(ServerFrame.Sent.class)).hasSize(5);
  }

  @Test
  void framesQueuedForTheWorkers_areBounded_byRateLimited() {
    var a = f.open(alice);
    f.workers.direct = false;
    for (int i = 0; i < 9; i++) {
      a.text("{\"type\":\"sync\",\"ref\":\"s" + i + "\"}");
    }
    assertThat(a.out().errorCodes()).containsExactly("rate_limited");
    f.workers.runAll();
    assertThat(a.out().ofType(ServerFrame.Synced.class)).hasSize(8);
  }

  @Test
  void aFullWorkerPool_answersUnavailable() {
    var a = f.open(alice);
    f.workers.direct = false;
    f.workers.limit = 0;
    a.text("{\"type\":\"sync\",\"ref\":\"s\"}");
    var errors = a.out().ofType(ServerFrame.Error.class);
    assertThat(errors).extracting(e -> e.code().wire()).containsExactly("unavailable");
    assertThat(errors.get(0).ref()).isEqualTo("s");
  }

  @Test
  void persistentFlooding_closesWith4008() {
    SessionLimits limits = new SessionLimits(8, 4, 4, 4, 10, 3, Duration.ofSeconds(10));
    FloodGate closed =
        new FloodGate() {
          @Override
          public boolean tryFrame() {
            return false;
          }

          @Override
          public boolean trySend() {
            return false;
          }
        };
    var a = f.open(alice, limits, closed);
    for (int i = 0; i < 4; i++) {
      a.text("{\"type\":\"ping\"}");
    }
    assertThat(a.out().errorCodes())
        .containsExactly("rate_limited", "rate_limited", "rate_limited");
    assertThat(a.out().closedWith).isEqualTo(CloseCode.ABUSE);
  }

  @Test
  void presenceSubscriptions_areBounded() {
    var a = f.open(alice);
    String ids = String.join(",", java.util.Collections.nCopies(11, "\"" + bob.userId() + "\""));
    a.text("{\"type\":\"presence.subscribe\",\"ref\":\"p\",\"userIds\":[" + ids + "]}");
    assertThat(a.out().errorCodes()).containsExactly("too_large");
  }
}
