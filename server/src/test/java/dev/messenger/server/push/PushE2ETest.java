package dev.messenger.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.PushSettings;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Web Push end to end (PROTOCOL.md "Push"): a real node pushes to a push service on loopback; the
 * test checks the VAPID token and decrypts the payload itself (RFC 8291, RFC 8292).
 */
class PushE2ETest {
  private static final Duration T = Duration.ofSeconds(15);
  private static TestNode node;
  private static FakePushService service;
  private static String vapidKey;

  @BeforeAll
  static void start() throws Exception {
    service = new FakePushService();
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(PushSettings.PUSH_ALLOW_HTTP, true)
                .with(PushSettings.PUSH_ALLOW_PRIVATE, true));
    vapidKey = node.newUser("keyreader").http().vapidPublicKey();
  }

  @AfterAll
  static void stop() {
    node.close();
    service.close();
  }

  /** A user whose only device is subscribed at a fresh endpoint and not connected. */
  private record Subscribed(TestUser user, PushSubscriber keys, String endpoint) {}

  private static Subscribed subscribed(String name) throws Exception {
    TestUser u = node.newUser(name);
    PushSubscriber keys = new PushSubscriber();
    String endpoint = service.endpoint(u.deviceId());
    u.http().setPush(endpoint, keys.p256dh(), keys.auth());
    return new Subscribed(u, keys, endpoint);
  }

  @Test
  void vapidPublicKey_isAnUncompressedP256Point() {
    byte[] key = Base64.getUrlDecoder().decode(vapidKey);
    assertThat(key).hasSize(65);
    assertThat(key[0]).isEqualTo((byte) 4);
  }

  @Test
  void offlineRecipient_getsAPush_signedWithVapid_andEncryptedForItsKeys() throws Exception {
    TestUser alice = node.newUser("alice");
    Subscribed bob = subscribed("bob");
    long before = System.currentTimeMillis() / 1000;

    var msg = alice.http().postMessage(alice.http().openDirect(bob.user().id()).id(), "p-1", "hi");

    await().atMost(T).until(() -> service.at(bob.endpoint()).size() == 1);
    FakePushService.Received push = service.at(bob.endpoint()).get(0);
    assertThat(push.headers().get("content-encoding")).isEqualTo("aes128gcm");
    assertThat(push.headers()).containsKey("ttl");
    JsonNode claims = PushSubscriber.verifyVapid(push.headers().get("authorization"), vapidKey);
    assertThat(claims.get("aud").asText()).isEqualTo(service.origin());
    assertThat(claims.get("sub").asText()).isEqualTo("mailto:admin@localhost");
    assertThat(claims.get("exp").asLong())
        .isGreaterThan(before)
        .isLessThanOrEqualTo(before + 86400);

    JsonNode payload = bob.keys().decrypt(push.body());
    assertThat(payload.get("conversationId").asText()).isEqualTo(msg.conversationId());
    assertThat(payload.get("seq").asLong()).isEqualTo(msg.seq());
    assertThat(payload.get("senderId").asText()).isEqualTo(alice.id());
    assertThat(payload.size()).isEqualTo(3);
  }

  @Test
  void onlineRecipient_getsNoPush_andTheSenderNeither() throws Exception {
    Subscribed alice = subscribed("alice");
    Subscribed bob = subscribed("bob");
    Subscribed carol = subscribed("carol");
    try (RecordingSocket b = bob.user().connect()) {
      String c = alice.user().http().openDirect(bob.user().id()).id();
      alice.user().http().postMessage(c, "o-1", "you are online");
      b.awaitType("message", T);
      // A later push to someone offline: the dispatcher handles messages in order, so once it
      // arrives, bob's message was decided already.
      alice
          .user()
          .http()
          .postMessage(alice.user().http().openDirect(carol.user().id()).id(), "o-2", "fence");
      await().atMost(T).until(() -> service.at(carol.endpoint()).size() == 1);
    }
    assertThat(service.at(bob.endpoint())).isEmpty();
    assertThat(service.at(alice.endpoint())).isEmpty();
  }

  @Test
  void twoMessagesInQuickSuccession_makeOnePush() throws Exception {
    TestUser alice = node.newUser("alice");
    Subscribed bob = subscribed("bob");
    Subscribed carol = subscribed("carol");
    String c = alice.http().openDirect(bob.user().id()).id();

    alice.http().postMessage(c, "q-1", "one");
    alice.http().postMessage(c, "q-2", "two");
    alice.http().postMessage(alice.http().openDirect(carol.user().id()).id(), "q-3", "fence");

    await().atMost(T).until(() -> service.at(carol.endpoint()).size() == 1);
    assertThat(service.at(bob.endpoint())).hasSize(1);
    assertThat(bob.keys().decrypt(service.at(bob.endpoint()).get(0).body()).get("seq").asLong())
        .isEqualTo(1);
    // Another conversation is not coalesced with the first.
    String g = alice.http().createGroup("g", java.util.List.of(bob.user().id())).id();
    alice.http().postMessage(g, "q-4", "in the group");
    await().atMost(T).until(() -> service.at(bob.endpoint()).size() == 2);
  }

  @Test
  void gone410_deletesTheSubscription() throws Exception {
    TestUser alice = node.newUser("alice");
    Subscribed bob = subscribed("bob");
    service.answer(bob.endpoint(), 410);

    alice.http().postMessage(alice.http().openDirect(bob.user().id()).id(), "g-1", "hello?");

    await().atMost(T).until(() -> service.at(bob.endpoint()).size() == 1);
    await().atMost(T).until(() -> pushEndpointOf(bob.user().deviceId()) == null);
  }

  @Test
  void serviceUnavailable_isRetried() throws Exception {
    TestUser alice = node.newUser("alice");
    Subscribed bob = subscribed("bob");
    service.answer(bob.endpoint(), 503);

    alice.http().postMessage(alice.http().openDirect(bob.user().id()).id(), "r-1", "again");

    await().atMost(T).until(() -> service.at(bob.endpoint()).size() == 2);
    var retried = service.at(bob.endpoint()).get(1);
    assertThat(bob.keys().decrypt(retried.body()).get("seq").asLong()).isEqualTo(1);
    assertThat(pushEndpointOf(bob.user().deviceId())).isEqualTo(bob.endpoint());
  }

  @Test
  void subscribe_badKeysOrType_is400_andDeleteIs204() throws Exception {
    TestUser u = node.newUser("dave");
    PushSubscriber keys = new PushSubscriber();
    assertThatThrownBy(() -> u.http().setPush(service.endpoint("x"), "AAAA", keys.auth()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> u.http().setPush("ftp://example/x", keys.p256dh(), keys.auth()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                u.http()
                    .rawRequest(
                        "PUT",
                        "/devices/current/push",
                        "{\"type\":\"apns\",\"endpoint\":\"https://x\",\"keys\":{}}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));

    u.http().setPush(service.endpoint("d"), keys.p256dh(), keys.auth());
    assertThat(pushEndpointOf(u.deviceId())).isEqualTo(service.endpoint("d"));
    u.http().clearPush();
    assertThat(pushEndpointOf(u.deviceId())).isNull();
  }

  /** The device's subscription endpoint as stored, read straight from the node's SQLite file. */
  private static String pushEndpointOf(String deviceId) throws Exception {
    String url = "jdbc:sqlite:" + node.dataDir().resolve("messenger.db");
    try (var c = DriverManager.getConnection(url);
        var ps = c.prepareStatement("SELECT push_endpoint FROM devices WHERE id = ?")) {
      ps.setString(1, deviceId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
