package dev.messenger.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.PushSettings;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard on Web Push endpoints (PROTOCOL.md section 9), on a node without {@code
 * push-allow-private}: loopback endpoints are refused when subscribing, and a stored endpoint is
 * checked again before sending (as when a name's DNS answer changed after subscribing).
 */
class PushSsrfE2ETest {
  private static final Duration T = Duration.ofSeconds(15);
  private static TestNode node;
  private static FakePushService service;

  @BeforeAll
  static void start() throws Exception {
    service = new FakePushService();
    node = TestNode.start(TestNode.testSettings().with(PushSettings.PUSH_ALLOW_HTTP, true));
  }

  @AfterAll
  static void stop() {
    node.close();
    service.close();
  }

  @Test
  void loopbackEndpoints_areRefusedWhenSubscribing() throws Exception {
    TestUser u = node.newUser("eve");
    PushSubscriber keys = new PushSubscriber();
    for (String endpoint :
        new String[] {
          service.endpoint("x"),
          "http://localhost:9/push/x",
          "http://[::1]:9/x",
          "http://10.0.0.1/x"
        }) {
      assertThatThrownBy(() -> u.http().setPush(endpoint, keys.p256dh(), keys.auth()))
          .as(endpoint)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errorMessage()).contains("private");
              });
    }
    assertThat(service.at(service.endpoint("x"))).isEmpty();
  }

  @Test
  void aStoredEndpointNowOnLoopback_isCheckedAgainWhenSending() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    PushSubscriber keys = new PushSubscriber();
    String endpoint = service.endpoint(bob.deviceId());
    // As if the endpoint's name resolved to a public address when bob subscribed.
    String url = "jdbc:sqlite:" + node.dataDir().resolve("messenger.db");
    try (var c = DriverManager.getConnection(url);
        var ps =
            c.prepareStatement(
                "UPDATE devices SET push_endpoint = ?, push_p256dh = ?, push_auth = ?,"
                    + " push_type = 'webpush' WHERE id = ?")) {
      ps.setString(1, endpoint);
      ps.setString(2, keys.p256dh());
      ps.setString(3, keys.auth());
      ps.setString(4, bob.deviceId());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    alice.http().postMessage(alice.http().openDirect(bob.id()).id(), "s-1", "knock");

    await().atMost(T).until(() -> lastError(bob) != null);
    assertThat(lastError(bob)).contains("loopback");
    assertThat(service.at(endpoint)).isEmpty();
  }

  private static String lastError(TestUser u) {
    for (JsonNode d : u.http().rawRequest("GET", "/devices", null).get("devices")) {
      if (d.get("id").asText().equals(u.deviceId()) && d.has("push")) {
        JsonNode e = d.get("push").get("lastError");
        return e == null ? null : e.asText();
      }
    }
    return null;
  }
}
