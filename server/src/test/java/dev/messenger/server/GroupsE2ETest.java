package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.ConversationView;
import dev.messenger.client.MemberView;
import dev.messenger.client.MessageView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.MessagingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Group chats end to end (PROTOCOL.md 2 "Conversations", issue: groups of up to 200). */
class GroupsE2ETest {
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;
  private static TestNode small;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    small = TestNode.start(TestNode.testSettings().with(MessagingSettings.MAX_GROUP_SIZE, 3));
  }

  @AfterAll
  static void stop() {
    node.close();
    small.close();
  }

  private static boolean isMessage(JsonNode f, long seq) {
    return "message".equals(f.path("type").asText()) && f.path("seq").asLong() == seq;
  }

  @Test
  void twoHundredMembers_allConnected_eachReceiveEveryMessage_inOrder_once() throws Exception {
    TestUser admin = node.newUser("admin");
    List<TestUser> others = new ArrayList<>();
    for (int i = 0; i < 199; i++) {
      others.add(node.newUser("m"));
    }
    ConversationView g =
        admin.http().createGroup("big", others.stream().map(TestUser::id).toList());
    assertThat(g.members()).hasSize(200);
    assertThat(g.lastSeq()).isEqualTo(1);
    List<RecordingSocket> sockets = new ArrayList<>();
    try {
      sockets.add(admin.connect());
      for (TestUser u : others) {
        sockets.add(u.connect());
      }
      // 10 senders, 20 messages each, all at once.
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int s = 0; s < 10; s++) {
        for (int i = 0; i < 20; i++) {
          replies.add(sockets.get(s * 20).send(g.id(), "g-" + s + "-" + i, "from " + s + " #" + i));
        }
      }
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      replies.forEach(r -> assertThat(r.join().get("type").asText()).isEqualTo("sent"));
      for (int i = 0; i < sockets.size(); i++) {
        RecordingSocket sock = sockets.get(i);
        boolean isSender = i % 20 == 0 && i < 200;
        int expected = isSender ? 180 : 200;
        List<JsonNode> got = sock.awaitCount("message", expected, Duration.ofSeconds(60));
        long prev = 1;
        Set<Long> seen = new HashSet<>();
        for (JsonNode m : got) {
          long seq = m.get("seq").asLong();
          assertThat(seq).isGreaterThan(prev);
          assertThat(seen.add(seq)).isTrue();
          if (!isSender) {
            assertThat(seq).isEqualTo(prev + 1);
          }
          prev = seq;
        }
      }
      // A late check that nobody got extra frames.
      sockets.get(1).requestSync(Frames.frame("ping"));
      assertThat(sockets.get(1).frames("message")).hasSize(200);
    } finally {
      sockets.forEach(RecordingSocket::close);
    }
    // Over the limit: 201 members is too large.
    List<String> ids = new ArrayList<>(others.stream().map(TestUser::id).toList());
    ids.add(node.newUser("extra").id());
    assertThatThrownBy(() -> admin.http().createGroup("too big", ids))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void sizeLimit_onCreateAndAdd_is413() {
    TestUser a = small.newUser("a");
    TestUser b = small.newUser("b");
    TestUser c = small.newUser("c");
    TestUser d = small.newUser("d");
    assertThatThrownBy(() -> a.http().createGroup("four", List.of(b.id(), c.id(), d.id())))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.code()).isEqualTo("too_large");
            });
    ConversationView g = a.http().createGroup("three", List.of(b.id(), c.id()));
    assertThatThrownBy(() -> a.http().addMember(g.id(), d.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void onlyAdmins_addRemoveRename_othersGet403_strangers404() {
    TestUser admin = node.newUser("admin");
    TestUser member = node.newUser("member");
    TestUser other = node.newUser("other");
    TestUser stranger = node.newUser("stranger");
    ConversationView g = admin.http().createGroup("team", List.of(member.id(), other.id()));
    assertThat(g.members())
        .filteredOn(m -> m.userId().equals(admin.id()))
        .extracting(MemberView::role)
        .containsExactly("admin");
    assertThatThrownBy(() -> member.http().addMember(g.id(), stranger.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> member.http().removeMember(g.id(), other.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> member.http().rename(g.id(), "mine"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> stranger.http().conversation(g.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> stranger.http().history(g.id(), null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

    ConversationView renamed = admin.http().rename(g.id(), "the team");
    assertThat(renamed.name()).isEqualTo("the team");
    List<MessageView> history = member.http().history(g.id(), null, null, null).messages();
    assertThat(history)
        .extracting(m -> m.kind() + ":" + m.event().action())
        .containsExactly("system:created", "system:renamed");
    assertThat(history.get(1).event().by()).isEqualTo(admin.id());
    // A member may leave on its own.
    member.http().removeMember(g.id(), member.id());
    assertThatThrownBy(() -> member.http().conversation(g.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(admin.http().history(g.id(), null, null, null).messages())
        .extracting(m -> m.event().action())
        .containsExactly("created", "renamed", "member_left");
  }

  @Test
  void memberAddedLater_seesExactlyFromItsJoin() {
    TestUser admin = node.newUser("admin");
    TestUser early = node.newUser("early");
    TestUser late = node.newUser("late");
    ConversationView g = admin.http().createGroup("g", List.of(early.id()));
    admin.http().postMessage(g.id(), "before-1", "before 1");
    early.http().postMessage(g.id(), "before-2", "before 2");
    try (RecordingSocket lateSocket = late.connect()) {
      admin.http().addMember(g.id(), late.id());
      JsonNode added = lateSocket.awaitType("message", T);
      assertThat(added.get("kind").asText()).isEqualTo("system");
      assertThat(added.at("/event/action").asText()).isEqualTo("member_added");
      assertThat(added.at("/event/userId").asText()).isEqualTo(late.id());
      long joinSeq = added.get("seq").asLong();
      assertThat(joinSeq).isEqualTo(4);
      early.http().postMessage(g.id(), "after-1", "after 1");
      lateSocket.await(f -> isMessage(f, 5), T);

      List<MessageView> seen = late.http().history(g.id(), null, null, null).messages();
      assertThat(seen).extracting(MessageView::seq).containsExactly(4L, 5L);
      assertThat(late.http().history(g.id(), 5L, null, 50).messages())
          .extracting(MessageView::seq)
          .containsExactly(4L);
      assertThat(late.http().history(g.id(), null, 0L, 50).messages())
          .extracting(MessageView::seq)
          .containsExactly(4L, 5L);
      JsonNode synced = lateSocket.sync();
      JsonNode summary = synced.get("conversations").get(0);
      assertThat(summary.get("lastSeq").asLong()).isEqualTo(5);
      assertThat(summary.at("/lastMessage/seq").asLong()).isEqualTo(5);
      assertThat(admin.http().history(g.id(), null, null, null).messages()).hasSize(5);
    }
  }

  @Test
  void removedMember_socketGetsNothingMore_andHistoryIs403() {
    TestUser admin = node.newUser("admin");
    TestUser gone = node.newUser("gone");
    TestUser stays = node.newUser("stays");
    ConversationView g = admin.http().createGroup("g", List.of(gone.id(), stays.id()));
    try (RecordingSocket goneSocket = gone.connect();
        RecordingSocket staysSocket = stays.connect()) {
      admin.http().postMessage(g.id(), "m1", "hello all");
      goneSocket.await(f -> isMessage(f, 2), T);
      admin.http().removeMember(g.id(), gone.id());
      JsonNode removal = goneSocket.await(f -> isMessage(f, 3), T);
      assertThat(removal.at("/event/action").asText()).isEqualTo("member_removed");
      admin.http().postMessage(g.id(), "m2", "secret");
      staysSocket.await(f -> isMessage(f, 4), T);
      // The removed member's socket got nothing after its removal, even typing.
      admin.connect().typing(g.id(), "start");
      staysSocket.awaitType("typing", T);
      goneSocket.requestSync(Frames.frame("ping"));
      assertThat(goneSocket.frames("message"))
          .extracting(f -> f.get("seq").asLong())
          .containsExactly(2L, 3L);
      assertThat(goneSocket.frames("typing")).isEmpty();
      JsonNode err = goneSocket.requestSync(Frames.frame("history").put("conversationId", g.id()));
      assertThat(err.get("code").asText()).isEqualTo("forbidden");
      JsonNode sendErr = goneSocket.send(g.id(), "sneak", "let me in").join();
      assertThat(sendErr.get("code").asText()).isEqualTo("forbidden");
      assertThatThrownBy(() -> gone.http().history(g.id(), null, null, null))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
      assertThat(gone.http().conversations()).isEmpty();
    }
  }

  @Test
  void groupReceipts_moveAsMembersAck() {
    TestUser admin = node.newUser("admin");
    TestUser m1 = node.newUser("m1");
    TestUser m2 = node.newUser("m2");
    ConversationView g = admin.http().createGroup("g", List.of(m1.id(), m2.id()));
    try (RecordingSocket a = admin.connect();
        RecordingSocket s1 = m1.connect();
        RecordingSocket s2 = m2.connect()) {
      long seq = a.send(g.id(), "r", "read me").join().get("seq").asLong();
      s1.awaitType("message", T);
      s1.ack(g.id(), seq, "read");
      a.await(
          f ->
              "receipt".equals(f.path("type").asText()) && "read".equals(f.path("status").asText()),
          T);
      // The other member hears it too.
      s2.await(
          f ->
              "receipt".equals(f.path("type").asText()) && "read".equals(f.path("status").asText()),
          T);
      List<MemberView> members = admin.http().conversation(g.id()).members();
      long readers = members.stream().filter(m -> m.readSeq() >= seq).count();
      assertThat(readers).isEqualTo(1);
      s2.ack(g.id(), seq, "read");
      a.await(
          f ->
              "receipt".equals(f.path("type").asText())
                  && "read".equals(f.path("status").asText())
                  && m2.id().equals(f.path("userId").asText()),
          T);
      assertThat(
              admin.http().conversation(g.id()).members().stream().filter(m -> m.readSeq() >= seq))
          .hasSize(2);
    }
  }
}
