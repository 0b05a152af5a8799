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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FCM end to end (PROTOCOL.md section 9): a real node with a service-account file gets access
 * tokens from a loopback OAuth endpoint (which verifies the signed assertion) and sends data
 * messages to a loopback FCM (which checks the token); {@code push-preview=full}.
 */
class FcmE2ETest {
  private static final Duration T = Duration.ofSeconds(15);
  private static TestNode node;
  private static FakeFcm fcm;

  @BeforeAll
  static void start() throws Exception {
    fcm = new FakeFcm();
    Path sa = Files.createTempFile("service-account", ".json");
    Files.writeString(sa, fcm.serviceAccountJson());
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(PhonePushSettings.FCM_CREDENTIALS_FILE, sa.toString())
                .with(PhonePushSettings.FCM_ENDPOINT, fcm.origin())
                .with(PushSettings.PUSH_PREVIEW, PushPreview.FULL));
  }

  @AfterAll
  static void stop() {
    node.close();
    fcm.close();
  }

  private static JsonNode pushOf(TestUser u) {
    for (JsonNode d : u.http().rawRequest("GET", "/devices", null).get("devices")) {
      if (d.get("id").asText().equals(u.deviceId())) {
        return d.get("push");
      }
    }
    throw new AssertionError("no device " + u.deviceId());
  }

  private static void subscribe(TestUser u, String token) {
    u.http()
        .rawRequest(
            "PUT", "/devices/current/push", "{\"type\":\"fcm\",\"token\":\"" + token + "\"}");
  }

  @Test
  void offlineRecipient_getsADataMessage_withStringValues_andTheAccessTokenIsCached()
      throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String token = "fcm-bob:" + bob.deviceId();
    subscribe(bob, token);

    var first =
        alice.http().postMessage(alice.http().openDirect(bob.id()).id(), "f-1", "hello bob");
    String group = alice.http().createGroup("g", java.util.List.of(bob.id())).id();
    alice.http().postMessage(group, "f-2", "x".repeat(150));

    await().atMost(T).until(() -> fcm.sendsTo(token).size() == 2);
    FakeFcm.Send send = fcm.sendsTo(token).get(0);
    assertThat(send.data())
        .containsEntry("conversationId", first.conversationId())
        .containsEntry("seq", "1")
        .containsEntry("senderId", alice.id())
        .containsEntry("body", "hello bob")
        .containsKey("senderName");
    assertThat(send.message().path("android").path("priority").asText()).isEqualTo("high");
    assertThat(fcm.sendsTo(token).get(1).data().get("body")).isEqualTo("x".repeat(100));
    assertThat(fcm.problems()).isEmpty();
    assertThat(fcm.tokenRequests.get()).isEqualTo(1);

    await().atMost(T).until(() -> pushOf(bob).has("lastSuccessAt"));
    assertThat(pushOf(bob).get("type").asText()).isEqualTo("fcm");
    assertThat(pushOf(bob).get("active").asBoolean()).isTrue();
  }

  @Test
  void unregistered_deletesTheToken_theDeviceShowsTheError_andMetricsCountIt() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String token = "fcm-gone:" + bob.deviceId();
    subscribe(bob, token);
    fcm.unregister(token);

    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "u-1", "are you there?");

    await().atMost(T).until(() -> pushOf(bob) != null && !pushOf(bob).get("active").asBoolean());
    assertThat(pushOf(bob).get("type").asText()).isEqualTo("fcm");
    assertThat(pushOf(bob).get("lastError").asText()).contains("UNREGISTERED");
    assertThat(fcm.sendsTo(token)).hasSize(1);
    assertThat(metrics())
        .containsPattern("messenger_push_outcomes_total\\{outcome=\"expired\",type=\"fcm\",?\\} 1");

    // No more pushes go to the deleted token.
    alice
        .http()
        .postMessage(
            alice.http().createGroup("g2", java.util.List.of(bob.id())).id(), "u-2", "again");
    Thread.sleep(500);
    assertThat(fcm.sendsTo(token)).hasSize(1);

    // Subscribing again makes it active, without the old error.
    subscribe(bob, token + "-new");
    assertThat(pushOf(bob).get("active").asBoolean()).isTrue();
    assertThat(pushOf(bob).has("lastError")).isFalse();
  }

  @Test
  void badFcmOrApnsBodies_are400_withAClearMessage() {
    TestUser u = node.newUser("carol");
    assertThatThrownBy(() -> subscribe(u, "has space"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorMessage()).contains("FCM registration token");
            });
    assertThatThrownBy(
            () -> u.http().rawRequest("PUT", "/devices/current/push", "{\"type\":\"fcm\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                u.http()
                    .rawRequest(
                        "PUT",
                        "/devices/current/push",
                        "{\"type\":\"apns\",\"token\":\"" + "ab".repeat(32) + "\"}"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorMessage()).contains("apns push is not configured");
            });
    assertThatThrownBy(
            () ->
                u.http()
                    .rawRequest(
                        "PUT", "/devices/current/push", "{\"type\":\"pigeon\",\"token\":\"x\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(pushOf(u)).isNull();
  }

  private static String metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.uri() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
