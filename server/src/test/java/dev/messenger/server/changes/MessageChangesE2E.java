package dev.messenger.server.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md section 4 ("Messages that change") end to end, over WebSocket and HTTP, on the store
 * a subclass starts the node on. The node's edit and delete windows are {@link #WINDOW} long.
 */
abstract class MessageChangesE2E {
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  static TestNode node;

  TestUser alice;
  TestUser bob;
  TestUser carol;
  String group;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
      node = null;
    }
  }

  @BeforeEach
  void users() {
    alice = node.newUser("alice");
    bob = node.newUser("bob");
    carol = node.newUser("carol");
    group = createGroup(alice, bob, carol);
  }

  static String createGroup(TestUser admin, TestUser... others) {
    return admin
        .http()
        .createGroup("g", java.util.Arrays.stream(others).map(TestUser::id).toList())
        .id();
  }

  static ObjectNode frame(String type, String conversationId, long seq) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("type", type)
        .put("conversationId", conversationId)
        .put("seq", seq);
  }

  static long send(RecordingSocket s, String conversationId, String body) {
    JsonNode r = s.send(conversationId, "c" + IDS.incrementAndGet(), body).join();
    assertThat(r.path("type").asText()).as("%s", r).isEqualTo("sent");
    return r.get("seq").asLong();
  }

  static JsonNode request(RecordingSocket s, ObjectNode f) {
    return s.requestSync(f);
  }

  static void assertError(JsonNode reply, String code) {
    assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo("error");
    assertThat(reply.path("code").asText()).as("%s", reply).isEqualTo(code);
  }

  static JsonNode http(TestUser u, String method, String path, String body) {
    return u.http().rawRequest(method, path, body);
  }

  static void assertHttpError(String code, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  static String msg(String conversationId, long seq) {
    return "/api/v1/conversations/" + conversationId + "/messages/" + seq;
  }

  @Test
  void edit_updateEntryReachesEveryOtherDevice_andHistoryHasTheCurrentState() {
    TestUser bob2 = node.newDevice(bob);
    try (RecordingSocket b = bob.connect();
        RecordingSocket b2 = bob2.connect();
        RecordingSocket c = carol.connect()) {
      long seq = send(b, group, "helo");
      JsonNode updated = request(b, frame("edit", group, seq).put("body", "hello"));
      assertThat(updated.path("type").asText()).as("%s", updated).isEqualTo("updated");
      assertThat(updated.path("target").asLong()).isEqualTo(seq);
      long entry = updated.path("seq").asLong();
      assertThat(entry).isEqualTo(seq + 1);
      for (RecordingSocket other : List.of(b2, c)) {
        JsonNode m = other.await(f -> f.path("seq").asLong() == entry, WAIT);
        assertThat(m.path("kind").asText()).isEqualTo("update");
        assertThat(m.path("body").asText()).isEmpty();
        assertThat(m.path("clientId").isNull()).isTrue();
        assertThat(m.at("/update/action").asText()).isEqualTo("edited");
        assertThat(m.at("/update/body").asText()).isEqualTo("hello");
      }
      JsonNode history = c.history(group, null, null, 50);
      JsonNode original = history.get("messages").get((int) seq - 1);
      assertThat(original.path("body").asText()).isEqualTo("hello");
      assertThat(original.has("editedAt")).isTrue();
      assertThat(history.get("messages").get((int) entry - 1).path("kind").asText())
          .isEqualTo("update");
      JsonNode one = http(carol, "GET", msg(group, seq), null);
      assertThat(one.path("body").asText()).isEqualTo("hello");
      JsonNode patched = http(bob, "PATCH", msg(group, seq), "{\"body\":\"hello!\"}");
      assertThat(patched.path("body").asText()).isEqualTo("hello!");
      c.await(f -> f.at("/update/body").asText().equals("hello!"), WAIT);
      // the same body again changes nothing
      assertThat(request(b, frame("edit", group, seq).put("body", "hello!")).get("seq").isNull())
          .isTrue();
    }
  }

  @Test
  void edit_errors() throws Exception {
    try (RecordingSocket b = bob.connect();
        RecordingSocket a = alice.connect()) {
      long seq = send(b, group, "mine");
      assertError(request(a, frame("edit", group, seq).put("body", "x")), "forbidden");
      assertError(request(b, frame("edit", group, 1).put("body", "x")), "bad_request");
      assertError(request(b, frame("edit", group, 999).put("body", "x")), "not_found");
      assertError(request(b, frame("edit", group, seq)), "bad_request");
      assertError(request(b, frame("edit", group, seq).put("body", "y".repeat(1001))), "too_large");
      assertError(request(b, frame("edit", group, seq).put("body", " ")), "bad_request");
      assertError(request(b, frame("edit", "c_nope", seq).put("body", "x")), "not_found");
      TestUser stranger = node.newUser("stranger");
      assertHttpError(
          "not_found", () -> http(stranger, "PATCH", msg(group, seq), "{\"body\":\"x\"}"));
      assertHttpError("not_found", () -> http(bob, "GET", msg(group, 0), null));
      Thread.sleep(WINDOW.toMillis() + 200);
      assertError(request(b, frame("edit", group, seq).put("body", "late")), "forbidden");
      assertError(request(b, frame("delete", group, seq)), "forbidden");
    }
  }

  @Test
  void delete_senderOrAdmin_thenEditConflicts_andNoOpStoresNothing() throws Exception {
    try (RecordingSocket b = bob.connect();
        RecordingSocket c = carol.connect()) {
      long seq = send(b, group, "oops");
      assertError(request(c, frame("delete", group, seq)), "forbidden");
      JsonNode done = request(b, frame("delete", group, seq));
      assertThat(done.path("seq").asLong()).isEqualTo(seq + 1);
      assertThat(request(b, frame("delete", group, seq)).get("seq").isNull()).isTrue();
      assertError(request(b, frame("edit", group, seq).put("body", "x")), "conflict");
      assertError(request(c, frame("react", group, seq).put("emoji", "👍")), "conflict");
      JsonNode shown = http(carol, "GET", msg(group, seq), null);
      assertThat(shown.path("deleted").asBoolean()).isTrue();
      assertThat(shown.path("body").asText()).isEmpty();
      assertThat(shown.has("attachments")).isFalse();
      assertThat(
              http(carol, "GET", "/api/v1/conversations/" + group, null).path("lastSeq").asLong())
          .isEqualTo(seq + 1);

      long old = send(c, group, "old");
      Thread.sleep(WINDOW.toMillis() + 200);
      http(alice, "DELETE", msg(group, old), null); // the admin, any time
      assertThat(http(bob, "GET", msg(group, old), null).path("deleted").asBoolean()).isTrue();
    }
  }

  @Test
  void reactions_rulesAndLimits() {
    try (RecordingSocket b = bob.connect();
        RecordingSocket c = carol.connect()) {
      long seq = send(b, group, "nice");
      assertThat(request(c, frame("react", group, seq).put("emoji", "👍")).get("seq").asLong())
          .isEqualTo(seq + 1);
      assertThat(request(c, frame("react", group, seq).put("emoji", "👍")).get("seq").isNull())
          .isTrue();
      String thumbs = URLEncoder.encode("👍", StandardCharsets.UTF_8);
      http(alice, "PUT", msg(group, seq) + "/reactions/" + thumbs, null);
      JsonNode r = http(bob, "GET", msg(group, seq), null).get("reactions");
      assertThat(r).hasSize(1);
      assertThat(r.get(0).path("count").asInt()).isEqualTo(2);
      assertThat(r.get(0).get("userIds").toString()).contains(carol.id(), alice.id());
      http(alice, "DELETE", msg(group, seq) + "/reactions/" + thumbs, null);
      assertThat(request(c, frame("unreact", group, seq).put("emoji", "🎉")).get("seq").isNull())
          .isTrue();
      assertError(request(c, frame("react", group, seq).put("emoji", "")), "bad_request");
      assertError(
          request(c, frame("react", group, seq).put("emoji", "x".repeat(17))), "bad_request");
      assertError(request(c, frame("react", group, 1).put("emoji", "👍")), "bad_request");
      for (int i = 0; i < 19; i++) {
        request(b, frame("react", group, seq).put("emoji", "e" + i));
      }
      assertError(request(b, frame("react", group, seq).put("emoji", "one-more")), "too_large");
    }
  }

  @Test
  void pins_directAnyMember_groupAdminsOnly_atMost50() {
    String direct = bob.http().openDirect(carol.id()).id();
    try (RecordingSocket b = bob.connect();
        RecordingSocket c = carol.connect();
        RecordingSocket a = alice.connect()) {
      long d = send(b, direct, "in direct");
      assertThat(request(c, frame("pin", direct, d)).get("seq").asLong()).isEqualTo(d + 1);
      assertThat(request(b, frame("pin", direct, d)).get("seq").isNull()).isTrue();
      assertThat(http(bob, "GET", "/api/v1/conversations/" + direct, null).get("pinned").toString())
          .isEqualTo("[" + d + "]");
      long g = send(b, group, "in group");
      assertError(request(b, frame("pin", group, g)), "forbidden");
      http(alice, "PUT", "/api/v1/conversations/" + group + "/pins/" + g, null);
      http(alice, "DELETE", "/api/v1/conversations/" + group + "/pins/" + g, null);
      for (int i = 0; i < 50; i++) {
        http(
            alice,
            "PUT",
            "/api/v1/conversations/" + group + "/pins/" + send(b, group, "p" + i),
            null);
      }
      assertError(request(a, frame("pin", group, g)), "too_large");
    }
  }

  static ObjectNode sendFrame(String conversationId, String body) {
    ObjectNode f =
        JsonNodeFactory.instance
            .objectNode()
            .put("type", "send")
            .put("conversationId", conversationId)
            .put("clientId", "s-" + IDS.incrementAndGet());
    return body == null ? f : f.put("body", body);
  }

  @Test
  void reply_mentions_forward() {
    TestUser dave = node.newUser("dave");
    String other = createGroup(alice, dave);
    try (RecordingSocket b = bob.connect();
        RecordingSocket a = alice.connect()) {
      long q = send(b, group, "question?");
      ObjectNode reply = sendFrame(group, "answer").put("replyTo", q);
      reply.putArray("mentions").add(bob.id());
      JsonNode sent = request(a, reply);
      assertThat(sent.path("type").asText()).as("%s", sent).isEqualTo("sent");
      JsonNode got = b.await(f -> f.path("seq").asLong() == sent.get("seq").asLong(), WAIT);
      assertThat(got.path("replyTo").asLong()).isEqualTo(q);
      assertThat(got.get("mentions").get(0).asText()).isEqualTo(bob.id());

      assertError(request(a, sendFrame(group, "x").put("replyTo", 1)), "not_found");
      assertError(request(a, sendFrame(group, "x").put("replyTo", 999)), "not_found");
      ObjectNode badMention = sendFrame(group, "x");
      badMention.putArray("mentions").add(dave.id());
      assertError(request(a, badMention), "bad_request");

      ObjectNode fwd = sendFrame(other, null);
      fwd.putObject("forward").put("conversationId", group).put("seq", q);
      JsonNode forwarded = request(a, fwd);
      assertThat(forwarded.path("type").asText()).as("%s", forwarded).isEqualTo("sent");
      JsonNode copy = http(dave, "GET", msg(other, forwarded.get("seq").asLong()), null);
      assertThat(copy.path("body").asText()).isEqualTo("question?");
      assertThat(copy.path("forwarded").asBoolean()).isTrue();

      ObjectNode both = sendFrame(other, "and a body");
      both.putObject("forward").put("conversationId", group).put("seq", q);
      assertError(request(a, both), "bad_request");
      try (RecordingSocket d = dave.connect()) {
        ObjectNode notHis = sendFrame(other, null);
        notHis.putObject("forward").put("conversationId", group).put("seq", q);
        assertError(request(d, notHis), "not_found");
      }
      request(b, frame("delete", group, q));
      ObjectNode deleted = sendFrame(other, null);
      deleted.putObject("forward").put("conversationId", group).put("seq", q);
      assertError(request(a, deleted), "not_found");
    }
  }
}
