package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.HistoryPage;
import dev.messenger.client.MessageView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One-on-one messaging end to end over a real node and real sockets (PROTOCOL.md 2 and 3). */
class MessagingE2ETest {
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

  @Test
  void send_to_createsDirectConversation_andReachesEveryOtherDevice() {
    TestUser alice = node.newUser("alice");
    TestUser alice2 = node.newDevice(alice);
    TestUser bob = node.newUser("bob");
    TestUser bob2 = node.newDevice(bob);
    try (RecordingSocket a = alice.connect();
        RecordingSocket a2 = alice2.connect();
        RecordingSocket b = bob.connect();
        RecordingSocket b2 = bob2.connect()) {
      assertThat(a.readyFrame().get("protocol").asInt()).isEqualTo(2);
      assertThat(a.userId()).isEqualTo(alice.id());

      JsonNode sent = a.sendTo(bob.id(), "c-1", "hello bob").join();
      assertThat(sent.get("type").asText()).isEqualTo("sent");
      assertThat(sent.get("clientId").asText()).isEqualTo("c-1");
      assertThat(sent.get("seq").asLong()).isEqualTo(1);
      String conversationId = sent.get("conversationId").asText();

      for (RecordingSocket s : List.of(b, b2, a2)) {
        JsonNode m = s.awaitType("message", T);
        assertThat(m.get("conversationId").asText()).isEqualTo(conversationId);
        assertThat(m.get("seq").asLong()).isEqualTo(1);
        assertThat(m.get("senderId").asText()).isEqualTo(alice.id());
        assertThat(m.get("body").asText()).isEqualTo("hello bob");
        assertThat(m.get("kind").asText()).isEqualTo("text");
      }
      // The sending device gets `sent`, not a `message` echo.
      JsonNode reply = b.send(conversationId, "c-2", "hi alice").join();
      assertThat(reply.get("seq").asLong()).isEqualTo(2);
      a.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 2, T);
      assertThat(a.frames("message")).extracting(f -> f.get("seq").asLong()).containsExactly(2L);
      // The same direct conversation both ways.
      assertThat(bob.http().openDirect(alice.id()).id()).isEqualTo(conversationId);
      assertThat(alice.http().openDirect(bob.id()).id()).isEqualTo(conversationId);
    }
  }

  @Test
  void resend_sameClientId_storesNothingNew_andAnswersOriginalSeq() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      JsonNode first = a.sendTo(bob.id(), "same", "once").join();
      JsonNode again = a.sendTo(bob.id(), "same", "once").join();
      assertThat(again.get("type").asText()).isEqualTo("sent");
      assertThat(again.get("seq").asLong()).isEqualTo(first.get("seq").asLong());
      assertThat(again.get("ts").asLong()).isEqualTo(first.get("ts").asLong());
      String cid = first.get("conversationId").asText();
      HistoryPage page = alice.http().history(cid, null, null, null);
      assertThat(page.messages()).hasSize(1);
      // Over HTTP too.
      MessageView viaHttp = alice.http().postMessage(cid, "same", "once");
      assertThat(viaHttp.seq()).isEqualTo(1);
      assertThat(alice.http().conversation(cid).lastSeq()).isEqualTo(1);
      b.awaitType("message", T);
      assertThat(b.frames("message")).hasSize(1);
    }
  }

  @Test
  void thousandRapidSends_arriveInOrder_withoutGaps_onEveryDevice() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser bob2 = node.newDevice(bob);
    String cid = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect();
        RecordingSocket b2 = bob2.connect()) {
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int i = 1; i <= 1000; i++) {
        replies.add(a.send(cid, "rapid-" + i, "message " + i));
      }
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      for (int i = 0; i < 1000; i++) {
        JsonNode r = replies.get(i).join();
        assertThat(r.get("type").asText()).isEqualTo("sent");
        assertThat(r.get("seq").asLong()).isEqualTo(i + 1);
      }
      for (RecordingSocket s : List.of(b, b2)) {
        List<JsonNode> got = s.awaitCount("message", 1000, Duration.ofSeconds(60));
        for (int i = 0; i < 1000; i++) {
          assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 1);
          assertThat(got.get(i).get("body").asText()).isEqualTo("message " + (i + 1));
        }
      }
    }
  }

  @Test
  void bothSidesSendingAtOnce_everyDeviceGetsAllFromSeq1_andNoSenderGetsItsOwnBack()
      throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser alice2 = node.newDevice(alice);
    TestUser bob2 = node.newDevice(bob);
    String cid = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect();
        RecordingSocket a2 = alice2.connect();
        RecordingSocket b2 = bob2.connect()) {
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        replies.add(a.send(cid, "a-" + i, "from alice " + i));
        replies.add(b.send(cid, "b-" + i, "from bob " + i));
      }
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      for (RecordingSocket other : List.of(a2, b2)) {
        List<JsonNode> got = other.awaitCount("message", 600, Duration.ofSeconds(60));
        for (int i = 0; i < 600; i++) {
          assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 1);
        }
      }
      for (var pair : List.of(List.of(a, bob.id()), List.of(b, alice.id()))) {
        RecordingSocket s = (RecordingSocket) pair.get(0);
        List<JsonNode> got = s.awaitCount("message", 300, Duration.ofSeconds(60));
        long prev = 0;
        for (JsonNode m : got) {
          assertThat(m.get("senderId").asText()).isEqualTo(pair.get(1));
          assertThat(m.get("seq").asLong()).isGreaterThan(prev);
          prev = m.get("seq").asLong();
        }
        s.requestSync(Frames.frame("ping"));
        assertThat(s.frames("message")).hasSize(300);
      }
    }
  }

  @Test
  void twoDevices_seeTheSameHistory_overWebSocketAndHttp() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String cid = alice.http().openDirect(bob.id()).id();
    for (int i = 1; i <= 7; i++) {
      (i % 2 == 0 ? bob : alice).http().postMessage(cid, "h" + i, "text " + i);
    }
    TestUser bobPhone = node.newDevice(bob);
    try (RecordingSocket laptop = bob.connect();
        RecordingSocket phone = bobPhone.connect()) {
      JsonNode h1 = laptop.history(cid, null, null, 50);
      JsonNode h2 = phone.history(cid, null, null, 50);
      assertThat(h1.get("messages")).isEqualTo(h2.get("messages"));
      assertThat(h1.get("messages")).hasSize(7);
      assertThat(h1.get("hasMore").asBoolean()).isFalse();

      JsonNode newest3 = phone.history(cid, null, null, 3);
      assertThat(newest3.get("messages"))
          .extracting(m -> m.get("seq").asLong())
          .containsExactly(5L, 6L, 7L);
      assertThat(newest3.get("hasMore").asBoolean()).isTrue();
      JsonNode before5 = phone.history(cid, 5L, null, 3);
      assertThat(before5.get("messages"))
          .extracting(m -> m.get("seq").asLong())
          .containsExactly(2L, 3L, 4L);
      JsonNode after5 = phone.history(cid, null, 5L, 10);
      assertThat(after5.get("messages"))
          .extracting(m -> m.get("seq").asLong())
          .containsExactly(6L, 7L);
      assertThat(after5.get("hasMore").asBoolean()).isFalse();

      HistoryPage page = bob.http().history(cid, null, 2L, 2);
      assertThat(page.messages()).extracting(MessageView::seq).containsExactly(3L, 4L);
      assertThat(page.hasMore()).isTrue();

      JsonNode synced = phone.sync();
      assertThat(synced.get("type").asText()).isEqualTo("synced");
      JsonNode conv = synced.get("conversations").get(0);
      assertThat(conv.get("id").asText()).isEqualTo(cid);
      assertThat(conv.get("lastSeq").asLong()).isEqualTo(7);
      assertThat(conv.get("lastMessage").get("body").asText()).isEqualTo("text 7");
    }
  }

  @Test
  void conversations_areListedMostRecentlyActiveFirst() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String withBob = alice.http().openDirect(bob.id()).id();
    String withCarol = alice.http().openDirect(carol.id()).id();
    alice.http().postMessage(withCarol, "x1", "to carol");
    alice.http().postMessage(withBob, "x2", "to bob");
    assertThat(alice.http().conversations())
        .extracting(c -> c.id())
        .containsExactly(withBob, withCarol);
    alice.http().postMessage(withCarol, "x3", "to carol again");
    assertThat(alice.http().conversations())
        .extracting(c -> c.id())
        .containsExactly(withCarol, withBob);
  }
}
