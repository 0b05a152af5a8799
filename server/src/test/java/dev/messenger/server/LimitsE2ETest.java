package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.LimitSettings;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.SettingsParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Rate limits, per-user caps, Origin checks, CORS and security headers (abuse issue). */
class LimitsE2ETest {

  /** A test node (relaxed limits) with these limits changed. */
  private static TestNode node(Consumer<Settings.Builder> limits) throws Exception {
    return TestNode.start(TestNode.testSettings().with(limits));
  }

  @Test
  void sendFlood_getsRateLimited_thenPersistentAbuseCloses4008() throws Exception {
    try (TestNode node = node(b -> b.set(LimitSettings.RATE_SENDS, 5))) {
      TestUser alice = node.newUser("alice");
      TestUser bob = node.newUser("bob");
      String cid = alice.http().openDirect(bob.id()).id();
      RecordingSocket a = alice.connect();
      List<JsonNode> replies = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        replies.add(a.send(cid, "f-" + i, "flood " + i).get(10, TimeUnit.SECONDS));
      }
      long sent = replies.stream().filter(r -> "sent".equals(r.path("type").asText())).count();
      long limited =
          replies.stream().filter(r -> "rate_limited".equals(r.path("code").asText())).count();
      // Burst of 2 x 5 passes, the rest are refused; nothing refused was stored.
      assertThat(sent).isBetween(10L, 12L);
      assertThat(limited).isEqualTo(30 - sent);
      assertThat(alice.http().conversation(cid).lastSeq()).isEqualTo(sent);
      // Keep flooding past abuse-strikes (50 in 10 s): the connection is closed with 4008.
      for (int i = 0; i < 60 && a.isOpen(); i++) {
        a.sendRaw(
            Frames.frame("send")
                .put("conversationId", cid)
                .put("clientId", "g-" + i)
                .put("body", "x")
                .toString());
      }
      assertThat(a.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4008);
    }
  }

  @Test
  void frameFlood_isRateLimitedPerConnection() throws Exception {
    try (TestNode node = node(b -> b.set(LimitSettings.RATE_FRAMES, 10))) {
      TestUser alice = node.newUser("alice");
      try (RecordingSocket a = alice.connect()) {
        for (int i = 0; i < 40; i++) {
          a.sendRaw("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
        }
        // Every frame is answered: a pong, or rate_limited with its ref.
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> a.frames("pong").size() + a.frames("error").size() >= 40);
        assertThat(a.frames("pong").size()).isBetween(20, 39);
        assertThat(a.frames("error")).allMatch(e -> e.get("ref").asText().startsWith("p"));
        assertThat(a.frames("error"))
            .isNotEmpty()
            .allMatch(e -> "rate_limited".equals(e.get("code").asText()));
        assertThat(a.isOpen()).isTrue();
      }
    }
  }

  @Test
  void loginsAndRegistrations_areRateLimited_withRetryAfter() throws Exception {
    try (TestNode node =
        node(
            b ->
                b.set(LimitSettings.RATE_LOGINS_IP, 100)
                    .set(LimitSettings.RATE_LOGINS_USER, 3)
                    .set(LimitSettings.RATE_REGISTRATIONS_IP, 4))) {
      for (int i = 0; i < 4; i++) {
        node.anonymous().register("reg_" + i + "_" + System.nanoTime() % 10000, "password-x", null);
      }
      assertThatThrownBy(() -> node.anonymous().register("reg_over", "password-x", null))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.code()).isEqualTo("rate_limited");
              });
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(node.uri() + "/api/v1/sessions"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"username\":\"victim\",\"password\":\"guess-guess\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
      int status = 0;
      HttpResponse<String> last = r;
      for (int i = 0; i < 10 && status != 429; i++) {
        last =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(node.uri() + "/api/v1/sessions"))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"victim\",\"password\":\"guess-" + i + "xx\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        status = last.statusCode();
      }
      assertThat(status).isEqualTo(429);
      assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()))
          .isPositive();
    }
  }

  @Test
  void caps_onDevicesConnectionsAndContacts() throws Exception {
    try (TestNode node =
        node(
            b ->
                b.set(LimitSettings.MAX_DEVICES_PER_USER, 2)
                    .set(LimitSettings.MAX_CONNECTIONS_PER_USER, 2)
                    .set(LimitSettings.MAX_CONTACTS_PER_USER, 1))) {
      TestUser alice = node.newUser("alice");
      TestUser bob = node.newUser("bob");
      TestUser carol = node.newUser("carol");
      node.newDevice(alice);
      assertThatThrownBy(() -> node.newDevice(alice))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
      try (RecordingSocket s1 = alice.connect();
          RecordingSocket s2 = alice.connect()) {
        assertThatThrownBy(alice::connect)
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
        assertThat(s1.isOpen() && s2.isOpen()).isTrue();
      }
      alice.http().addContact(bob.id());
      alice.http().addContact(bob.id());
      assertThatThrownBy(() -> alice.http().addContact(carol.id()))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }
  }

  @Test
  void crossSiteUpgrade_isRefused_sameOriginAndAllowedOriginsPass() throws Exception {
    try (TestNode node =
        node(b -> b.set(LimitSettings.ALLOWED_ORIGINS, List.of("https://chat.example.com")))) {
      TestUser alice = node.newUser("alice");
      String url = "ws://127.0.0.1:" + node.port() + "/ws?access_token=" + alice.http().token();
      assertThat(upgrade(url, "https://evil.example.net")).isEqualTo(403);
      assertThat(upgrade(url, "null")).isEqualTo(403);
      assertThat(upgrade(url, "http://127.0.0.1:" + node.port())).isEqualTo(101);
      assertThat(upgrade(url, "https://chat.example.com")).isEqualTo(101);
      assertThat(upgrade(url, null)).isEqualTo(101);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> preflight =
          http.send(
              HttpRequest.newBuilder(URI.create(node.uri() + "/api/v1/conversations"))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "https://chat.example.com")
                  .header("Access-Control-Request-Method", "GET")
                  .header("Access-Control-Request-Headers", "authorization")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://chat.example.com");
      HttpResponse<String> evil =
          http.send(
              HttpRequest.newBuilder(URI.create(node.uri() + "/api/v1/conversations"))
                  .header("Origin", "https://evil.example.net")
                  .header("Authorization", "Bearer " + alice.http().token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(node.uri() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  /** The status of a WebSocket upgrade with the given Origin: 101 if it opened. */
  private static int upgrade(String url, String origin) throws Exception {
    var b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      WebSocket ws =
          b.buildAsync(URI.create(url), new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
      ws.abort();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw new CompletionException(e.getCause());
    }
  }

  @Test
  void limitSettings_areParsed() {
    Settings s =
        SettingsParser.parse(
            "--rate-sends=7",
            "--rate-frames=9",
            "--max-devices-per-user=3",
            "--allowed-origins=https://a.example, https://b.example");
    assertThat(s.limits().sendsPerSecond()).isEqualTo(7);
    assertThat(s.limits().framesPerSecond()).isEqualTo(9);
    assertThat(s.limits().maxDevicesPerUser()).isEqualTo(3);
    assertThat(s.limits().allowedOrigins())
        .containsExactly("https://a.example", "https://b.example");
    assertThat(Duration.ofSeconds(1)).isPositive();
  }
}
