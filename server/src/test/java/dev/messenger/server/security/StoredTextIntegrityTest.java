package dev.messenger.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.wire.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integrity of stored text: what the server acknowledged ({@code 201}, {@code sent}) is exactly
 * what history returns and what the other members are pushed, for Unicode edge cases; and odd text
 * is never a 5xx, on SQLite or PostgreSQL.
 */
class StoredTextIntegrityTest {
  private static final Duration T = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static TestNode node;

  /** Text that UTF-8 can carry and that must come back unchanged. */
  static final List<String> EXACT =
      List.of(
          "a\u0000b",
          "\u0001\u001f\u007f",
          "\u202Egnp.exe",
          "\u200F\u200E\u061C",
          "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
          "\uFEFFbom",
          "\uFFFE\uFFFF",
          "e\u0301\u0301\u0301",
          "\uD83D\uDE00\u200D\uD83D\uDE00",
          "\u2028\u2029",
          "' OR '1'='1' --",
          "<script>alert(1)</script>");

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void unicodeEdgeBodies_roundTripExactly_overHttpAndWebSocket() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String d = alice.http().openDirect(bob.id()).id();
    RawHttp http = new RawHttp(node.uri());
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      for (String body : EXACT) {
        assertRoundTrip(http, alice, a, b, d, body);
      }
    }
  }

  @Test
  void loneSurrogates_areRejectedOrKeptExactly() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String d = alice.http().openDirect(bob.id()).id();
    RawHttp http = new RawHttp(node.uri());
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      for (String body : List.of("x\uD800y", "\uDFFF!", "x\uDC00\uD800y")) {
        assertRoundTrip(http, alice, a, b, d, body);
      }
    }
  }

  /**
   * Posts {@code body} over HTTP and sends it over the socket: each is either refused with
   * bad_request, or stored exactly, answered exactly and pushed to bob exactly.
   */
  private static void assertRoundTrip(
      RawHttp http, TestUser alice, RecordingSocket a, RecordingSocket b, String d, String body) {
    String clientId = "h" + IDS.incrementAndGet();
    ObjectNode post =
        JsonNodeFactory.instance.objectNode().put("clientId", clientId).put("body", body);
    RawHttp.Response res =
        http.send(
            "POST",
            "/api/v1/conversations/" + d + "/messages",
            alice.http().token(),
            JsonFuzz.render(post, true));
    ErrorShapes.assertCleanHttp(res, "POST", body);
    if (res.status() == 201) {
      assertThat(parse(res.body()).path("body").asText())
          .as("echo of %s", hex(body))
          .isEqualTo(body);
      JsonNode pushed = b.await(f -> clientId.equals(f.path("clientId").asText()), T);
      assertThat(pushed.path("body").asText()).as("push of %s", hex(body)).isEqualTo(body);
      assertThat(newest(http, alice, d)).as("stored %s", hex(body)).isEqualTo(body);
    } else {
      assertThat(res.status()).as("refusal of %s", hex(body)).isEqualTo(400);
    }
    String wsId = "w" + IDS.incrementAndGet();
    ObjectNode send =
        JsonNodeFactory.instance
            .objectNode()
            .put("type", "send")
            .put("ref", wsId)
            .put("clientId", wsId)
            .put("conversationId", d)
            .put("body", body);
    a.sendRaw(JsonFuzz.render(send, true));
    JsonNode reply = a.await(f -> wsId.equals(f.path("ref").asText()), T);
    if (reply.path("type").asText().equals("sent")) {
      JsonNode pushed = b.await(f -> wsId.equals(f.path("clientId").asText()), T);
      assertThat(pushed.path("body").asText()).as("push of %s", hex(body)).isEqualTo(body);
      assertThat(newest(http, alice, d)).as("stored %s", hex(body)).isEqualTo(body);
    } else {
      assertThat(reply.path("code").asText())
          .as("refusal of %s", hex(body))
          .isEqualTo("bad_request");
    }
  }

  @Test
  void nulInText_onPostgres_isNever5xx() throws Exception {
    Assumptions.assumeTrue(
        listening(5432), "PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL case skipped");
    String db = ClusterServices.newDatabase();
    try (TestNode pg =
        TestNode.start(
            TestNode.testSettings()
                .with(
                    TestNode.postgres(
                        db, BusKind.LOCAL, ClusterServices.NATS, "sec" + IDS.incrementAndGet())))) {
      RawHttp http = new RawHttp(pg.uri());
      TestUser alice = pg.newUser("alice");
      TestUser bob = pg.newUser("bob");
      String d = alice.http().openDirect(bob.id()).id();
      String tok = alice.http().token();
      List<RawHttp.Request> requests =
          List.of(
              RawHttp.request("POST", "/api/v1/conversations/" + d + "/messages")
                  .bearer(tok)
                  .json("{\"clientId\":\"n1\",\"body\":\"a\\u0000b\"}"),
              RawHttp.request("POST", "/api/v1/conversations")
                  .bearer(tok)
                  .json("{\"kind\":\"group\",\"name\":\"n\\u0000l\",\"memberIds\":[]}"),
              RawHttp.request("POST", "/api/v1/users")
                  .json(
                      "{\"username\":\"nul_user\",\"password\":\"password-1\","
                          + "\"displayName\":\"N\\u0000L\"}"),
              RawHttp.request("POST", "/api/v1/sessions")
                  .json("{\"username\":\"nul\\u0000user\",\"password\":\"password-1\"}"),
              RawHttp.request("GET", "/api/v1/users/a%00b").bearer(tok),
              RawHttp.request("GET", "/api/v1/conversations/c%00x/messages").bearer(tok),
              RawHttp.request("PUT", "/api/v1/contacts/a%00b").bearer(tok),
              RawHttp.request("GET", "/api/v1/presence?userIds=a%00b").bearer(tok));
      for (RawHttp.Request r : requests) {
        ErrorShapes.assertCleanHttp(http.send(r), r.method, r);
      }
      try (RecordingSocket s = alice.connect()) {
        JsonNode e =
            s.requestSync(
                JsonNodeFactory.instance
                    .objectNode()
                    .put("type", "history")
                    .put("conversationId", "c\u0000x"));
        assertThat(e.path("code").asText()).isEqualTo("not_found");
      }
    } finally {
      ClusterServices.dropDatabase(db);
    }
  }

  private static String newest(RawHttp http, TestUser u, String conversationId) {
    RawHttp.Response h =
        http.send(
            "GET",
            "/api/v1/conversations/" + conversationId + "/messages?limit=1",
            u.http().token(),
            null);
    return parse(h.body()).path("messages").get(0).path("body").asText();
  }

  private static JsonNode parse(String s) {
    try {
      return Wire.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  private static String hex(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
    return b.toString();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
