package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ContactView;
import dev.messenger.client.MemberView;
import dev.messenger.client.PresenceView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receipts, presence and typing end to end (PROTOCOL.md 3, "Semantics"). */
class ReceiptsPresenceE2ETest {
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

  private static MemberView member(TestUser viewer, String cid, String userId) {
    return viewer.http().conversation(cid).members().stream()
        .filter(m -> m.userId().equals(userId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void acks_moveCursorsForward_neverBack_andReachEveryDevice() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser bob2 = node.newDevice(bob);
    String cid = alice.http().openDirect(bob.id()).id();
    for (int i = 1; i <= 5; i++) {
      alice.http().postMessage(cid, "r" + i, "m" + i);
    }
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect();
        RecordingSocket b2 = bob2.connect()) {
      b.ack(cid, 3, "delivered");
      JsonNode r = a.awaitType("receipt", T);
      assertThat(r.get("conversationId").asText()).isEqualTo(cid);
      assertThat(r.get("userId").asText()).isEqualTo(bob.id());
      assertThat(r.get("status").asText()).isEqualTo("delivered");
      assertThat(r.get("seq").asLong()).isEqualTo(3);
      // The acking user's other device hears it too.
      b2.awaitType("receipt", T);

      // Older ack from another device: the cursor stays; no receipt.
      b2.ack(cid, 2, "delivered");
      // read 4 implies delivered 4.
      b2.ack(cid, 4, "read");
      a.await(f -> "read".equals(f.path("status").asText()) && f.path("seq").asLong() == 4, T);
      MemberView m = member(alice, cid, bob.id());
      assertThat(m.deliveredSeq()).isEqualTo(4);
      assertThat(m.readSeq()).isEqualTo(4);
      assertThat(a.frames("receipt"))
          .extracting(f -> f.get("status").asText() + ":" + f.get("seq").asLong())
          .containsExactly("delivered:3", "delivered:4", "read:4");

      // read below the cursor does nothing; above lastSeq is bad_request and changes nothing.
      JsonNode err =
          b.requestSync(
              Frames.frame("ack").put("conversationId", cid).put("seq", 99).put("status", "read"));
      assertThat(err.get("type").asText()).isEqualTo("error");
      assertThat(err.get("code").asText()).isEqualTo("bad_request");
      b.ack(cid, 1, "read");
      assertThat(b.sync().get("type").asText()).isEqualTo("synced");
      assertThat(member(alice, cid, bob.id()).readSeq()).isEqualTo(4);
    }
  }

  @Test
  void presence_onlineWhileConnected_offlineAfterGrace_withLastSeen() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    alice.http().openDirect(bob.id());
    try (RecordingSocket a = alice.connect()) {
      RecordingSocket b = bob.connect();
      a.subscribePresence(List.of(bob.id()));
      JsonNode online = a.awaitType("presence", T);
      assertThat(online.get("userId").asText()).isEqualTo(bob.id());
      assertThat(online.get("status").asText()).isEqualTo("online");
      assertThat(alice.http().presence(List.of(bob.id())))
          .extracting(PresenceView::status)
          .containsExactly("online");
      long before = System.currentTimeMillis();
      b.close();
      JsonNode offline =
          a.await(
              f ->
                  "presence".equals(f.path("type").asText())
                      && "offline".equals(f.path("status").asText()),
              T);
      assertThat(offline.get("lastSeen").asLong()).isGreaterThanOrEqualTo(before);
      List<PresenceView> p = alice.http().presence(List.of(bob.id()));
      assertThat(p).hasSize(1);
      assertThat(p.get(0).status()).isEqualTo("offline");
      assertThat(p.get(0).lastSeen()).isEqualTo(offline.get("lastSeen").asLong());
    }
  }

  @Test
  void presence_reconnectWithinGrace_announcesNothing() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    alice.http().openDirect(bob.id());
    try (RecordingSocket a = alice.connect()) {
      RecordingSocket b = bob.connect();
      a.subscribePresence(List.of(bob.id()));
      a.awaitType("presence", T);
      b.close();
      try (RecordingSocket again = bob.connect()) {
        // Wait past the grace (300 ms) using a round trip that itself takes no fixed time.
        awaitPastGrace(a);
        assertThat(a.frames("presence")).hasSize(1);
        assertThat(alice.http().presence(List.of(bob.id())).get(0).status()).isEqualTo("online");
      }
    }
  }

  /** Waits until 600 ms have passed by polling pings (the grace in tests is 300 ms). */
  private static void awaitPastGrace(RecordingSocket s) {
    long until = System.currentTimeMillis() + 600;
    while (System.currentTimeMillis() < until) {
      s.requestSync(Frames.frame("ping"));
    }
  }

  @Test
  void presence_isHiddenFromStrangers_andShownToContacts() {
    TestUser alice = node.newUser("alice");
    TestUser stranger = node.newUser("stranger");
    try (RecordingSocket a = alice.connect();
        RecordingSocket s = stranger.connect()) {
      assertThat(stranger.http().presence(List.of(alice.id()))).isEmpty();
      s.subscribePresence(List.of(alice.id()));
      s.requestSync(Frames.frame("ping"));
      assertThat(s.frames("presence")).isEmpty();
      // Alice adds the stranger as a contact: now the stranger may see her.
      alice.http().addContact(stranger.id());
      assertThat(stranger.http().presence(List.of(alice.id())))
          .extracting(PresenceView::status)
          .containsExactly("online");
      List<ContactView> contacts = alice.http().contacts();
      assertThat(contacts).extracting(ContactView::id).containsExactly(stranger.id());
      alice.http().removeContact(stranger.id());
      assertThat(alice.http().contacts()).isEmpty();
      assertThat(stranger.http().presence(List.of(alice.id()))).isEmpty();
    }
  }

  @Test
  void typing_isRelayedToTheOtherMember_only() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String cid = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      a.typing(cid, "start");
      JsonNode t = b.awaitType("typing", T);
      assertThat(t.get("userId").asText()).isEqualTo(alice.id());
      assertThat(t.get("state").asText()).isEqualTo("start");
      assertThat(t.get("conversationId").asText()).isEqualTo(cid);
      a.requestSync(Frames.frame("ping"));
      assertThat(a.frames("typing")).isEmpty();
      JsonNode bad =
          a.requestSync(Frames.frame("typing").put("conversationId", cid).put("state", "dancing"));
      assertThat(bad.get("code").asText()).isEqualTo("bad_request");
      // Nothing stored.
      assertThat(alice.http().conversation(cid).lastSeq()).isZero();
    }
  }
}
