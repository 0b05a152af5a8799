package dev.messenger.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ConversationView;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.PresenceView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.MessengerNode;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one PostgreSQL and one NATS (DESIGN.md "Cluster mode"): users on different nodes
 * chat with every guarantee of a single node.
 */
class ClusterE2ETest {
  private static final Duration T = Duration.ofSeconds(15);
  private static final AtomicInteger N = new AtomicInteger();
  private static String db;
  private static final List<MessengerNode> nodes = new ArrayList<>();
  private static final List<URI> uris = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    ClusterServices.require();
    db = ClusterServices.newDatabase();
    for (String id : List.of("a", "b", "c")) {
      Settings s =
          TestNode.testSettings()
              .with(ClusterSettings.PRESENCE_HEARTBEAT, Duration.ofMillis(500))
              .with(
                  TestNode.postgres(
                      db, BusKind.NATS, ClusterServices.NATS, "it" + id + N.incrementAndGet()));
      MessengerNode node = new MessengerNode(s);
      uris.add(URI.create("http://127.0.0.1:" + node.start()));
      nodes.add(node);
    }
  }

  @AfterAll
  static void stop() {
    nodes.forEach(MessengerNode::close);
    if (db != null) {
      ClusterServices.dropDatabase(db);
    }
  }

  record User(String id, String name, MessengerClient http) {}

  private static User user(int node, String prefix) {
    String name = prefix + "_" + N.incrementAndGet() + "_" + (System.nanoTime() % 1000);
    MessengerClient anon = new MessengerClient(uris.get(node));
    anon.register(name, "password-" + name, null);
    LoginResult r = anon.login(name, "password-" + name, null);
    return new User(r.userId(), name, anon.withToken(r.token()));
  }

  /** The same user's token used against another node. */
  private static MessengerClient on(int node, User u) {
    return new MessengerClient(uris.get(node)).withToken(u.http().token());
  }

  @Test
  void directChat_acrossNodes_withOrderReceiptsPresenceAndTyping() {
    User alice = user(0, "alice");
    User bob = user(1, "bob");
    try (RecordingSocket a = RecordingSocket.open(alice.http());
        RecordingSocket b = RecordingSocket.open(bob.http());
        RecordingSocket bOnC = RecordingSocket.open(on(2, bob))) {
      String cid = a.sendTo(bob.id(), "x-0", "first").join().get("conversationId").asText();
      // Visible now that they share a conversation.
      a.subscribePresence(List.of(bob.id()));
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int i = 1; i < 200; i++) {
        replies.add(a.send(cid, "x-" + i, "m" + i));
      }
      replies.forEach(f -> assertThat(f.join().get("type").asText()).isEqualTo("sent"));
      for (RecordingSocket s : List.of(b, bOnC)) {
        List<JsonNode> got = s.awaitCount("message", 200, T);
        for (int i = 0; i < 200; i++) {
          assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 1);
        }
      }
      b.ack(cid, 150, "read");
      JsonNode receipt =
          a.await(
              f ->
                  "receipt".equals(f.path("type").asText())
                      && "read".equals(f.path("status").asText()),
              T);
      assertThat(receipt.get("seq").asLong()).isEqualTo(150);
      bOnC.typing(cid, "start");
      assertThat(a.awaitType("typing", T).get("userId").asText()).isEqualTo(bob.id());
      a.await(
          f ->
              "presence".equals(f.path("type").asText())
                  && "online".equals(f.path("status").asText()),
          T);
      // Presence is cluster-wide: Bob is online on B and C; closing B alone keeps him online.
      b.close();
      assertThat(on(2, alice).presence(List.of(bob.id())))
          .extracting(PresenceView::status)
          .containsExactly("online");
      bOnC.close();
      a.await(
          f ->
              "presence".equals(f.path("type").asText())
                  && "offline".equals(f.path("status").asText()),
          T);
      assertThat(on(1, alice).presence(List.of(bob.id())))
          .extracting(PresenceView::status)
          .containsExactly("offline");
    }
  }

  @Test
  void groupChat_membersOnThreeNodes_receiveEverythingInOrder() {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      users.add(user(i % 3, "g"));
    }
    ConversationView g =
        users
            .get(0)
            .http()
            .createGroup("spread", users.subList(1, 9).stream().map(User::id).toList());
    List<RecordingSocket> sockets = new ArrayList<>();
    try {
      for (User u : users) {
        sockets.add(RecordingSocket.open(u.http()));
      }
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        replies.add(sockets.get(i % 3).send(g.id(), "gs-" + i, "g" + i));
      }
      replies.forEach(f -> assertThat(f.join().get("type").asText()).isEqualTo("sent"));
      for (int i = 3; i < 9; i++) {
        List<JsonNode> got = sockets.get(i).awaitCount("message", 30, T);
        for (int k = 0; k < 30; k++) {
          assertThat(got.get(k).get("seq").asLong()).isEqualTo(k + 2);
        }
      }
    } finally {
      sockets.forEach(RecordingSocket::close);
    }
  }

  @Test
  void concurrentSends_throughThreeNodes_getUniqueGapFreeSeqs() throws Exception {
    User alice = user(0, "alice");
    User bob = user(1, "bob");
    String cid = alice.http().openDirect(bob.id()).id();
    List<RecordingSocket> sockets =
        List.of(
            RecordingSocket.open(alice.http()),
            RecordingSocket.open(on(1, alice)),
            RecordingSocket.open(on(2, bob)));
    try {
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        replies.add(sockets.get(i % 3).send(cid, "cc-" + i, "c" + i));
      }
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      Set<Long> seqs = new HashSet<>();
      for (var r : replies) {
        assertThat(r.join().get("type").asText()).isEqualTo("sent");
        assertThat(seqs.add(r.join().get("seq").asLong())).isTrue();
      }
      assertThat(seqs).hasSize(300).allMatch(s -> s >= 1 && s <= 300);
      assertThat(alice.http().conversation(cid).lastSeq()).isEqualTo(300);
    } finally {
      sockets.forEach(RecordingSocket::close);
    }
  }

  @Test
  void aMemberRemovedThroughOneNode_isRefusedThroughAnother_onceTheChangeIsHeard()
      throws Exception {
    User alice = user(0, "alice");
    User bob = user(1, "bob");
    String gid = alice.http().createGroup("g", List.of(bob.id())).id();
    RecordingSocket b = RecordingSocket.open(on(1, bob));
    try {
      // Bob's send through node 1 makes node 1 cache the group's members for its send path.
      JsonNode first = b.send(gid, "m-0", "hello").get(15, TimeUnit.SECONDS);
      assertThat(first.path("type").asText()).isEqualTo("sent");

      alice.http().removeMember(gid, bob.id());

      // Node 1 hears of the change over NATS and drops its cached members: its sends are
      // refused from then on (a cache that never heard would accept them for ever).
      long deadline = System.nanoTime() + T.toNanos();
      JsonNode answer;
      int n = 0;
      do {
        answer = b.send(gid, "m-" + ++n, "still here?").get(15, TimeUnit.SECONDS);
      } while (answer.path("type").asText().equals("sent") && System.nanoTime() < deadline);
      assertThat(answer.path("type").asText()).isEqualTo("error");
      assertThat(answer.path("code").asText()).isEqualTo("forbidden");
    } finally {
      b.close();
    }
  }

  @Test
  void anEditThroughOneNode_reachesADeviceOnAnother_live_andInHistory() throws Exception {
    User alice = user(0, "alice");
    User bob = user(2, "bob");
    String c = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = RecordingSocket.open(alice.http());
        RecordingSocket b = RecordingSocket.open(on(2, bob))) {
      long seq = a.send(c, "e-1", "helo").get(15, TimeUnit.SECONDS).get("seq").asLong();
      b.await(f -> f.path("seq").asLong() == seq, T);
      JsonNode updated =
          a.requestSync(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                  .objectNode()
                  .put("type", "edit")
                  .put("conversationId", c)
                  .put("seq", seq)
                  .put("body", "hello"));
      long entry = updated.get("seq").asLong();
      JsonNode live = b.await(f -> f.path("seq").asLong() == entry, T);
      assertThat(live.path("kind").asText()).isEqualTo("update");
      assertThat(live.at("/update/body").asText()).isEqualTo("hello");
      assertThat(b.history(c, null, null, 10).get("messages").get(0).path("body").asText())
          .isEqualTo("hello");
    }
  }
}
