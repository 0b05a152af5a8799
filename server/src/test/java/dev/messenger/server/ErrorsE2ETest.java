package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error, keeps the connection, leaks no stack trace and changes nothing
 * stored (PROTOCOL.md 2 "Errors", 3 "Errors keep the connection").
 */
class ErrorsE2ETest {
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
  void malformedFrames_getErrorFrames_andTheConnectionStays() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser stranger = node.newUser("stranger");
    String cid = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect()) {
      List<String> bad =
          List.of(
              "not json",
              "{\"type\":",
              "[1,2,3]",
              "42",
              "{}",
              "{\"type\":\"teleport\",\"ref\":\"r1\"}",
              "{\"type\":\"send\",\"ref\":\"r2\"}",
              "{\"type\":\"send\",\"clientId\":\"x\",\"body\":\"b\"}",
              "{\"type\":\"send\",\"clientId\":5,\"conversationId\":\""
                  + cid
                  + "\",\"body\":\"b\"}",
              "{\"type\":\"send\",\"clientId\":\""
                  + "x".repeat(65)
                  + "\",\"conversationId\":\""
                  + cid
                  + "\",\"body\":\"b\"}",
              "{\"type\":\"ack\",\"conversationId\":\""
                  + cid
                  + "\",\"seq\":\"one\",\"status\":\"read\"}",
              "{\"type\":\"ack\",\"conversationId\":\"" + cid + "\",\"seq\":1,\"status\":\"seen\"}",
              "{\"type\":\"history\",\"conversationId\":\"" + cid + "\",\"limit\":0}",
              "{\"type\":\"history\",\"conversationId\":\"" + cid + "\",\"limit\":201}",
              "{\"type\":\"presence.subscribe\",\"userIds\":\"all\"}",
              "{\"type\":\"ping\",\"ref\":{\"a\":1}}",
              "[".repeat(5000));
      for (String text : bad) {
        a.sendRaw(text);
      }
      List<JsonNode> errors = a.awaitCount("error", bad.size(), T);
      for (JsonNode e : errors) {
        assertThat(e.get("code").asText()).isEqualTo("bad_request");
        assertThat(e.get("message").asText()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      assertThat(errors.get(5).get("ref").asText()).isEqualTo("r1");
      assertThat(errors.get(6).get("ref").asText()).isEqualTo("r2");
      // Still connected and working.
      assertThat(a.requestSync(Frames.frame("ping")).get("type").asText()).isEqualTo("pong");
      assertThat(a.send(cid, "ok-1", "still here").join().get("seq").asLong()).isEqualTo(1);
      assertThat(a.isOpen()).isTrue();
    }
    // Nothing stored by the rejected frames.
    assertThat(alice.http().conversation(cid).lastSeq()).isEqualTo(1);

    try (RecordingSocket s = stranger.connect()) {
      JsonNode e = s.send(cid, "intrude", "hi").join();
      assertThat(e.get("type").asText()).isEqualTo("error");
      assertThat(e.get("code").asText()).isEqualTo("not_found");
      JsonNode h = s.requestSync(Frames.frame("history").put("conversationId", cid));
      assertThat(h.get("code").asText()).isEqualTo("not_found");
    }
    assertThat(alice.http().conversation(cid).lastSeq()).isEqualTo(1);
  }

  @Test
  void bodyOverMaxChars_isTooLarge_countedInCodePoints() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String cid = alice.http().openDirect(bob.id()).id();
    try (RecordingSocket a = alice.connect()) {
      String emoji = "\uD83D\uDE00"; // one code point, two chars
      JsonNode ok = a.send(cid, "e1", emoji.repeat(1000)).join();
      assertThat(ok.get("type").asText()).isEqualTo("sent");
      JsonNode tooLong = a.send(cid, "e2", emoji.repeat(1001)).join();
      assertThat(tooLong.get("type").asText()).isEqualTo("error");
      assertThat(tooLong.get("code").asText()).isEqualTo("too_large");
      assertThat(a.isOpen()).isTrue();
    }
  }

  @Test
  void frameOver64KiB_closesWith1009() throws Exception {
    TestUser alice = node.newUser("alice");
    RecordingSocket a = alice.connect();
    a.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
    assertThat(a.closeCode().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1009);
  }

  @Test
  void upgradeWithoutValidToken_isRefusedWith401() {
    assertThatThrownBy(() -> node.anonymous().withToken("nope").connect())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void badHttpRequests_getJsonErrors_never500() throws Exception {
    TestUser alice = node.newUser("alice");
    HttpClient http = HttpClient.newHttpClient();
    String base = node.uri().toString();
    record Case(String method, String path, String body, boolean auth, int status) {}
    List<Case> cases =
        List.of(
            new Case("POST", "/api/v1/users", "{bad", false, 400),
            new Case("POST", "/api/v1/users", "[]", false, 400),
            new Case(
                "POST",
                "/api/v1/users",
                "{\"username\":\"ab\",\"password\":\"password1\"}",
                false,
                400),
            new Case(
                "POST",
                "/api/v1/users",
                "{\"username\":\"UPPER ok\",\"password\":\"password1\"}",
                false,
                400),
            new Case(
                "POST",
                "/api/v1/users",
                "{\"username\":\"shortpw\",\"password\":\"short\"}",
                false,
                400),
            new Case(
                "POST", "/api/v1/users", "{\"username\":5,\"password\":\"password1\"}", false, 400),
            new Case(
                "POST",
                "/api/v1/sessions",
                "{\"username\":\"nobody\",\"password\":\"password1\"}",
                false,
                401),
            new Case("POST", "/api/v1/sessions", "{}", false, 400),
            new Case("GET", "/api/v1/conversations", null, false, 401),
            new Case("GET", "/api/v1/conversations/nope", null, true, 404),
            new Case("GET", "/api/v1/conversations/nope/messages", null, true, 404),
            new Case("GET", "/api/v1/users/nope", null, true, 404),
            new Case("GET", "/api/v1/users", null, true, 400),
            new Case("POST", "/api/v1/conversations", "{\"kind\":\"triangle\"}", true, 400),
            new Case(
                "POST",
                "/api/v1/conversations",
                "{\"kind\":\"direct\",\"userId\":\"ghost\"}",
                true,
                404),
            new Case(
                "POST",
                "/api/v1/conversations",
                "{\"kind\":\"group\",\"name\":\"g\",\"memberIds\":\"x\"}",
                true,
                400),
            new Case("GET", "/api/v1/presence", null, true, 400),
            new Case(
                "POST",
                "/api/v1/users",
                "{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}",
                false,
                413),
            new Case("GET", "/api/v1/no-such-thing", null, true, 404));
    for (Case c : cases) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + c.path()))
              .method(
                  c.method(),
                  c.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(c.body()));
      if (c.auth()) {
        b.header("Authorization", "Bearer " + alice.http().token());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode())
          .as(c.toString().substring(0, Math.min(120, c.toString().length())))
          .isEqualTo(c.status());
      JsonNode body = dev.messenger.server.wire.Wire.MAPPER.readTree(r.body());
      assertThat(body.at("/error/code").asText()).isNotEmpty();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
