package dev.messenger.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.core.push.PushPreview;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.PhonePushSettings;
import dev.messenger.server.settings.PushSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * APNs end to end (PROTOCOL.md section 9): a real node with a {@code .p8} key pushes over HTTP/2
 * and TLS to a loopback APNs that verifies the provider token; {@code push-preview=sender}.
 */
class ApnsE2ETest {
  private static final Duration T = Duration.ofSeconds(20);
  private static TestNode node;
  private static FakeApns apns;

  @BeforeAll
  static void start() throws Exception {
    apns = new FakeApns();
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(
                    b ->
                        b.set(PhonePushSettings.APNS_KEY_FILE, apns.p8().toString())
                            .set(PhonePushSettings.APNS_KEY_ID, FakeApns.KEY_ID)
                            .set(PhonePushSettings.APNS_TEAM_ID, FakeApns.TEAM_ID)
                            .set(PhonePushSettings.APNS_TOPIC, FakeApns.TOPIC)
                            .set(PhonePushSettings.APNS_ENDPOINT, apns.endpoint())
                            .set(PhonePushSettings.APNS_CA_FILE, apns.caPem().toString())
                            .set(PushSettings.PUSH_PREVIEW, PushPreview.SENDER)));
  }

  @AfterAll
  static void stop() {
    node.close();
    apns.close();
  }

  private static void subscribe(TestUser u, String token, String environment) {
    u.http()
        .rawRequest(
            "PUT",
            "/devices/current/push",
            "{\"type\":\"apns\",\"token\":\""
                + token
                + "\""
                + (environment == null ? "" : ",\"environment\":\"" + environment + "\"")
                + "}");
  }

  private static JsonNode pushOf(TestUser u) {
    for (JsonNode d : u.http().rawRequest("GET", "/devices", null).get("devices")) {
      if (d.get("id").asText().equals(u.deviceId())) {
        return d.get("push");
      }
    }
    throw new AssertionError("no device " + u.deviceId());
  }

  @Test
  void offlineRecipient_getsAnAlert_withTheUnreadTotalAsBadge_andTheSendersName() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String token = apns.newToken();
    subscribe(bob, token, "sandbox");

    var first = alice.http().postMessage(alice.http().openDirect(bob.id()).id(), "a-1", "secret");
    await().atMost(T).until(() -> apns.pushesTo(token).size() == 1);
    String group = alice.http().createGroup("g", List.of(bob.id())).id();
    alice.http().postMessage(group, "a-2", "two");
    await().atMost(T).until(() -> apns.pushesTo(token).size() == 2);

    assertThat(apns.problems()).isEmpty();
    FakeApns.Push p = apns.pushesTo(token).get(0);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.headers()).containsEntry("apns-push-type", "alert");
    assertThat(p.headers()).containsEntry("apns-collapse-id", first.conversationId());
    JsonNode aps = p.payload().get("aps");
    assertThat(aps.get("badge").asLong()).isEqualTo(1);
    assertThat(aps.path("alert").path("title").asText()).startsWith("alice");
    assertThat(aps.path("alert").path("body").asText()).isEqualTo("New message");
    assertThat(p.payload().get("conversationId").asText()).isEqualTo(first.conversationId());
    assertThat(p.payload().get("seq").asLong()).isEqualTo(1);
    assertThat(p.payload().get("senderId").asText()).isEqualTo(alice.id());
    assertThat(p.payload().toString()).doesNotContain("secret");
    // Two unread messages in two conversations by the time of the second push.
    assertThat(apns.pushesTo(token).get(1).payload().get("aps").get("badge").asLong()).isEqualTo(2);
    await().atMost(T).until(() -> pushOf(bob).has("lastSuccessAt"));
    assertThat(pushOf(bob).get("type").asText()).isEqualTo("apns");
  }

  @Test
  void gone410_deletesTheToken_andTheDeviceShowsWhy() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String token = apns.newToken();
    subscribe(bob, token, null);
    apns.unregister(token);

    alice.http().postMessage(alice.http().openDirect(bob.id()).id(), "g-1", "hello?");

    await().atMost(T).until(() -> pushOf(bob) != null && !pushOf(bob).get("active").asBoolean());
    assertThat(pushOf(bob).get("lastError").asText()).contains("Unregistered");
    assertThat(apns.pushesTo(token))
        .singleElement()
        .extracting(FakeApns.Push::status)
        .isEqualTo(410);
  }

  @Test
  void badDeviceToken_deletesTheTokenToo() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String unknown = "cd".repeat(32);
    subscribe(bob, unknown, "production");

    alice.http().postMessage(alice.http().openDirect(bob.id()).id(), "b-1", "hello?");

    await().atMost(T).until(() -> pushOf(bob) != null && !pushOf(bob).get("active").asBoolean());
    assertThat(pushOf(bob).get("lastError").asText()).contains("BadDeviceToken");
  }

  @Test
  void badApnsBodies_are400() {
    TestUser u = node.newUser("dave");
    for (String body :
        new String[] {
          "{\"type\":\"apns\",\"token\":\"xyz\"}",
          "{\"type\":\"apns\",\"token\":\"" + "ab".repeat(32) + "\",\"environment\":\"staging\"}",
          "{\"type\":\"apns\"}",
          "{\"type\":\"fcm\",\"token\":\"abc\"}"
        }) {
      assertThatThrownBy(() -> u.http().rawRequest("PUT", "/devices/current/push", body))
          .as(body)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(pushOf(u)).isNull();
  }
}
