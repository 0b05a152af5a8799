package dev.messenger.server.changes;

import static dev.messenger.server.changes.MessageChangesE2E.WAIT;
import static dev.messenger.server.changes.MessageChangesE2E.assertError;
import static dev.messenger.server.changes.MessageChangesE2E.assertHttpError;
import static dev.messenger.server.changes.MessageChangesE2E.frame;
import static dev.messenger.server.changes.MessageChangesE2E.http;
import static dev.messenger.server.changes.MessageChangesE2E.msg;
import static dev.messenger.server.changes.MessageChangesE2E.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md section 5 ("What each member keeps for itself"), "read by", and deleted media, end to
 * end on the store a subclass starts the node on.
 */
abstract class MemberSettingsE2E {
  static TestNode node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
      node = null;
    }
  }

  static String summaryPath(String id) {
    return "/api/v1/conversations/" + id;
  }

  @Test
  void unreadCount_countsOthersLiveTextAboveReadSeq() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      long one = send(a, c, "one");
      long two = send(a, c, "two");
      send(b, c, "mine");
      assertThat(http(bob, "GET", summaryPath(c), null).path("unreadCount").asLong()).isEqualTo(2);
      b.ack(c, one, "read");
      a.request(frame("delete", c, two)).join();
      JsonNode list = http(bob, "GET", "/api/v1/conversations", null).get("conversations");
      assertThat(list.get(0).path("unreadCount").asLong()).isZero();
      assertThat(list.get(0).get("pinned").isArray()).isTrue();
      assertThat(list.get(0).path("archived").asBoolean()).isFalse();
      assertThat(list.get(0).path("clearedSeq").asLong()).isZero();
      assertThat(list.get(0).has("mutedUntil")).isFalse();
    }
  }

  @Test
  void settings_changeTheCallerOnly_andReachItsOtherDevices() {
    TestUser alice = node.newUser("alice");
    TestUser alice2 = node.newDevice(alice);
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a2 = alice2.connect()) {
      long until = System.currentTimeMillis() + 3_600_000;
      JsonNode s =
          http(
              alice,
              "PATCH",
              summaryPath(c) + "/settings",
              "{\"mutedUntil\":" + until + ",\"archived\":true}");
      assertThat(s.path("mutedUntil").asLong()).isEqualTo(until);
      assertThat(s.path("archived").asBoolean()).isTrue();
      JsonNode pushed = a2.awaitType("conversation", WAIT);
      assertThat(pushed.at("/conversation/id").asText()).isEqualTo(c);
      assertThat(pushed.at("/conversation/archived").asBoolean()).isTrue();
      assertThat(http(bob, "GET", summaryPath(c), null).path("archived").asBoolean()).isFalse();
      JsonNode unmuted =
          http(alice, "PATCH", summaryPath(c) + "/settings", "{\"mutedUntil\":null}");
      assertThat(unmuted.has("mutedUntil")).isFalse();
      assertThat(unmuted.path("archived").asBoolean()).isTrue();
      assertHttpError(
          "bad_request", () -> http(alice, "PATCH", summaryPath(c) + "/settings", "{}"));
      assertHttpError(
          "bad_request",
          () -> http(alice, "PATCH", summaryPath(c) + "/settings", "{\"archived\":\"yes\"}"));
      assertHttpError(
          "not_found",
          () ->
              http(
                  node.newUser("x"), "PATCH", summaryPath(c) + "/settings", "{\"archived\":true}"));
    }
  }

  @Test
  void clear_hidesEverythingAtOrBelowForTheCallerOnly() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      long one = send(b, c, "one");
      long two = send(b, c, "two");
      http(alice, "POST", summaryPath(c) + "/clear", "{\"seq\":" + one + "}");
      a.awaitType("conversation", WAIT);
      JsonNode history = a.history(c, null, null, 50).get("messages");
      assertThat(history).extracting(m -> m.get("seq").asLong()).containsExactly(two);
      assertThat(b.history(c, null, null, 50).get("messages")).hasSize(2);
      assertHttpError("not_found", () -> http(alice, "GET", msg(c, one), null));
      assertError(a.requestSync(frame("react", c, one).put("emoji", "👍")), "not_found");
      JsonNode s = http(alice, "GET", summaryPath(c), null);
      assertThat(s.path("clearedSeq").asLong()).isEqualTo(one);
      assertThat(s.path("unreadCount").asLong()).isEqualTo(1);
      http(alice, "POST", summaryPath(c) + "/clear", "{\"seq\":0}"); // below: nothing changes
      assertThat(http(alice, "GET", summaryPath(c), null).path("clearedSeq").asLong())
          .isEqualTo(one);
      assertHttpError(
          "bad_request", () -> http(alice, "POST", summaryPath(c) + "/clear", "{\"seq\":99}"));
    }
  }

  @Test
  void readBy_listsOtherMembersWhoseCursorsReachedIt() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String g = MessageChangesE2E.createGroup(alice, bob, carol);
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect();
        RecordingSocket c = carol.connect()) {
      long seq = send(a, g, "did you read it?");
      b.ack(g, seq, "read");
      c.ack(g, seq, "delivered");
      a.await(
          f ->
              f.path("type").asText().equals("receipt")
                  && f.path("userId").asText().equals(carol.id()),
          WAIT);
      a.await(
          f ->
              f.path("type").asText().equals("receipt") && f.path("status").asText().equals("read"),
          WAIT);
      JsonNode by = http(alice, "GET", msg(g, seq) + "/receipts", null);
      assertThat(by.get("read")).extracting(JsonNode::asText).containsExactly(bob.id());
      assertThat(by.get("delivered"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder(bob.id(), carol.id());
    }
  }

  @Test
  void deletedMessage_mediaNoLongerReadableThroughIt() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    var media = alice.http().uploadMedia(MediaSamples.png(8, 8), "image/png");
    var m = alice.http().postMessage(c, "with-media", "", List.of(media.id()));
    assertThat(bob.http().downloadMedia(media.id(), false)).isNotEmpty();
    http(alice, "DELETE", msg(c, m.seq()), null);
    assertHttpError("not_found", () -> bob.http().downloadMedia(media.id(), false));
    assertThat(alice.http().downloadMedia(media.id(), false)).isNotEmpty(); // the uploader
    JsonNode shown = http(bob, "GET", msg(c, m.seq()), null);
    assertThat(shown.has("attachments")).isFalse();
  }
}
