package dev.messenger.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageApi;
import dev.messenger.client.MessageView;
import dev.messenger.client.OutgoingMessage;
import dev.messenger.client.ReactionView;
import dev.messenger.client.ReadByView;
import dev.messenger.client.SocketChanges;
import dev.messenger.client.UpdateView;
import dev.messenger.client.UpdatedView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK's calls for messages that change and what each member keeps (PROTOCOL.md sections 4
 * and 5) against a real node: {@code socket.changes()}, {@code client.messages()}, the new fields
 * of the views, and the fold {@link MessageView#applied} giving what the server gives.
 */
class ClientChangesE2ETest {
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static UpdatedView updated(java.util.concurrent.CompletableFuture<JsonNode> reply) {
    return UpdatedView.fromFrame(reply.join());
  }

  /** The next {@code message} frame of {@code s} with {@code seq} in {@code conversationId}. */
  private static MessageView message(RecordingSocket s, String conversationId, long seq) {
    return MessageView.fromJson(
        s.await(
            f ->
                "message".equals(f.path("type").asText())
                    && conversationId.equals(f.path("conversationId").asText())
                    && f.path("seq").asLong() == seq,
            T));
  }

  @Test
  void socketChanges_answeredByUpdated_andThePeersFoldEqualsTheServersMessage() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      JsonNode sent = a.sendTo(bob.id(), "k1", "helo").join();
      String c = sent.get("conversationId").asText();
      MessageView bobsCopy = message(b, c, 1);
      MessageView alicesCopy = bobsCopy;
      SocketChanges ac = a.changes();
      SocketChanges bc = b.changes();

      UpdatedView edit = updated(ac.edit(c, 1, "hello"));
      assertThat(edit).isEqualTo(new UpdatedView(edit.ref(), c, 1, 2L));
      UpdatedView react = updated(bc.react(c, 1, "👍"));
      assertThat(react.seq()).isEqualTo(3L);
      UpdatedView again = updated(bc.react(c, 1, "👍"));
      assertThat(again.changed()).as("reacting twice stores nothing").isFalse();
      assertThat(updated(ac.react(c, 1, "👩‍💻")).seq()).isEqualTo(4L);
      assertThat(updated(ac.pin(c, 1)).seq()).isEqualTo(5L);

      // Each device folds the entries it gets and, for its own changes, the updated answers.
      bobsCopy = bobsCopy.applied(message(b, c, 2));
      bobsCopy = bobsCopy.applied(bob.id(), 0, new UpdateView("reacted", 1, null, "👍"));
      bobsCopy = bobsCopy.applied(message(b, c, 4)).applied(message(b, c, 5));
      long guess = System.currentTimeMillis();
      alicesCopy =
          alicesCopy.applied(alice.id(), guess, new UpdateView("edited", 1, "hello", null));
      alicesCopy = alicesCopy.applied(message(a, c, 3));
      alicesCopy = alicesCopy.applied(alice.id(), 0, new UpdateView("reacted", 1, null, "👩‍💻"));
      MessageView server = bob.http().messages().get(c, 1);
      assertThat(bobsCopy).isEqualTo(server);
      assertThat(alicesCopy.body()).isEqualTo(server.body());
      assertThat(alicesCopy.reactions()).isEqualTo(server.reactions());
      assertThat(server.body()).isEqualTo("hello");
      assertThat(server.isEdited()).isTrue();
      assertThat(server.reactions())
          .containsExactly(
              new ReactionView("👍", 1, List.of(bob.id())),
              new ReactionView("👩‍💻", 1, List.of(alice.id())));
      assertThat(alicesCopy.reactedBy("👍")).containsExactly(bob.id());
      assertThat(a.frames("message"))
          .as("the device that made a change gets updated, not its entry")
          .noneMatch(f -> alice.id().equals(f.path("senderId").asText()));
      assertThat(alice.http().conversation(c).pinned()).containsExactly(1L);

      assertThat(updated(ac.delete(c, 1)).seq()).isEqualTo(6L);
      MessageView deleted = bobsCopy.applied(message(b, c, 6));
      assertThat(deleted).isEqualTo(bob.http().messages().get(c, 1));
      assertThat(deleted.deleted()).isTrue();
      assertThat(deleted.reactions()).isEmpty();
      assertThat(updated(ac.delete(c, 1)).changed()).isFalse();
    }
  }

  @Test
  void socketChanges_refusedWithTheProtocolsCodes() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      String c = a.sendTo(bob.id(), "k1", "mine").join().get("conversationId").asText();

      assertThatThrownBy(() -> updated(b.changes().edit(c, 1, "not yours")))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
      assertThatThrownBy(() -> updated(a.changes().edit(c, 9, "none")))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
      assertThatThrownBy(() -> updated(a.changes().react(c, 1, "x".repeat(17))))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
      updated(a.changes().delete(c, 1));
      assertThatThrownBy(() -> updated(a.changes().edit(c, 1, "too late")))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("conflict"));
      assertThat(a.isOpen()).as("refusals keep the connection").isTrue();
    }
  }

  @Test
  void sendWithReplyMentionsAndForward_overSocketAndHttp() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    ConversationView ab = alice.http().openDirect(bob.id());
    ConversationView ac = alice.http().openDirect(carol.id());
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      a.send(ab.id(), "q", "lunch?").join();
      JsonNode reply =
          b.changes()
              .send(
                  OutgoingMessage.text(ab.id(), "r", "yes, @alice")
                      .withReplyTo(1)
                      .withMentions(List.of(alice.id())))
              .join();
      assertThat(reply.path("type").asText()).isEqualTo("sent");
      MessageView got = message(a, ab.id(), 2);
      assertThat(got.replyTo()).isEqualTo(1L);
      assertThat(got.mentions()).containsExactly(alice.id());

      JsonNode fwd = a.changes().send(OutgoingMessage.forward(ac.id(), "f", ab.id(), 1)).join();
      assertThat(fwd.path("type").asText()).isEqualTo("sent");
      MessageView copy = carol.http().messages().get(ac.id(), fwd.path("seq").asLong());
      assertThat(copy.forwarded()).isTrue();
      assertThat(copy.body()).isEqualTo("lunch?");

      MessageView overHttp =
          bob.http().messages().post(OutgoingMessage.text(ab.id(), "h", "see #1").withReplyTo(1));
      assertThat(overHttp.replyTo()).isEqualTo(1L);
      assertThatThrownBy(
              () -> bob.http().messages().post(OutgoingMessage.forward(ab.id(), "x", ac.id(), 1)))
          .as("bob cannot see alice and carol's conversation")
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void httpRoutes_editReactPinReadByAndTheirErrors() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "k1", "frist");
    MessageApi am = alice.http().messages();
    MessageApi bm = bob.http().messages();

    MessageView edited = am.edit(c, 1, "first");
    assertThat(edited.body()).isEqualTo("first");
    assertThat(edited.isEdited()).isTrue();
    bm.react(c, 1, "🎉");
    bm.react(c, 1, "👍🏽");
    am.react(c, 1, "🎉");
    bm.unreact(c, 1, "👍🏽");
    assertThat(am.get(c, 1).reactions())
        .containsExactly(new ReactionView("🎉", 2, List.of(bob.id(), alice.id())));
    bm.pin(c, 1);
    assertThat(am.get(c, 1).body()).isEqualTo("first");
    assertThat(alice.http().conversation(c).pinned()).containsExactly(1L);
    bm.unpin(c, 1);
    assertThat(alice.http().conversation(c).pinned()).isEmpty();

    assertThat(am.readBy(c, 1)).isEqualTo(new ReadByView(List.of(), List.of()));
    try (RecordingSocket b = bob.connect()) {
      b.ack(c, 1, "read");
    }
    // The ack has no reply: wait until its cursor is stored.
    await()
        .atMost(T)
        .untilAsserted(
            () ->
                assertThat(am.readBy(c, 1))
                    .isEqualTo(new ReadByView(List.of(bob.id()), List.of(bob.id()))));

    assertThatThrownBy(() -> bm.edit(c, 1, "mine now"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> bm.delete(c, 1))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    am.delete(c, 1);
    assertThat(bm.get(c, 1).deleted()).isTrue();
    assertThatThrownBy(() -> am.edit(c, 1, "again"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("conflict"));
    assertThatThrownBy(() -> am.get(c, 99))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void ownSettings_muteArchiveClear_reachTheUsersSockets_andHideClearedHistory() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "k1", "one");
    alice.http().postMessage(c, "k2", "two");
    MessageApi bm = bob.http().messages();
    assertThat(bob.http().conversation(c).unreadCount()).isEqualTo(2);

    try (RecordingSocket b = bob.connect()) {
      long until = System.currentTimeMillis() + 3_600_000;
      ConversationView muted = bm.mute(c, until);
      assertThat(muted.mutedUntil()).isEqualTo(until);
      JsonNode frame = b.awaitType("conversation", T);
      assertThat(ConversationView.fromJson(frame.get("conversation")).mutedUntil())
          .isEqualTo(until);
      assertThat(bm.mute(c, MessageApi.FOREVER_MILLIS).isMuted(System.currentTimeMillis()))
          .isTrue();
      assertThat(bm.unmute(c).mutedUntil()).isNull();
      assertThat(bm.archive(c, true).archived()).isTrue();
      assertThat(bm.archive(c, false).archived()).isFalse();
      assertThat(alice.http().conversation(c).archived()).as("bob's alone").isFalse();

      bm.clear(c, 1);
      ConversationView cleared = bob.http().conversation(c);
      assertThat(cleared.clearedSeq()).isEqualTo(1);
      assertThat(cleared.unreadCount()).isEqualTo(1);
      assertThat(bob.http().history(c, null, null, null).messages())
          .extracting(MessageView::seq)
          .containsExactly(2L);
      assertThatThrownBy(() -> bm.get(c, 1))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThat(alice.http().messages().get(c, 1).body()).isEqualTo("one");
      assertThatThrownBy(() -> bm.clear(c, 3))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }
  }
}
