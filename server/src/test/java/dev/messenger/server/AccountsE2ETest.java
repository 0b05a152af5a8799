package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.client.ApiException;
import dev.messenger.client.LoginResult;
import dev.messenger.client.UserView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registration, login, lookup and logout end to end (PROTOCOL.md 2, "Accounts and sessions"). */
class AccountsE2ETest {
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
  void register_login_lookup() {
    String name = "Dora_" + (System.nanoTime() % 100000);
    UserView u = node.anonymous().register(name, "correct horse", "Dora D.");
    assertThat(u.username()).isEqualTo(name.toLowerCase());
    assertThat(u.displayName()).isEqualTo("Dora D.");
    assertThatThrownBy(() -> node.anonymous().register(name.toUpperCase(), "another pw", null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("conflict"));
    assertThatThrownBy(() -> node.anonymous().login(name, "wrong password", null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

    LoginResult first = node.anonymous().login(name, "correct horse", "laptop");
    LoginResult second = node.anonymous().login(name.toUpperCase(), "correct horse", "phone");
    assertThat(first.userId()).isEqualTo(u.id()).isEqualTo(second.userId());
    assertThat(first.deviceId()).isNotEqualTo(second.deviceId());
    // >= 128 bits of randomness: 32 random bytes in base64url.
    assertThat(first.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.token());

    var client = node.anonymous().withToken(first.token());
    assertThat(client.user(u.id())).isEqualTo(u);
    assertThat(client.userByUsername(name.toUpperCase())).isEqualTo(u);
    assertThatThrownBy(() -> client.userByUsername("no_such_user_here"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void logout_revokesTheToken_andClosesThatDevicesSocketsWith4001() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser otherDevice = node.newDevice(alice);
    RecordingSocket s = alice.connect();
    RecordingSocket other = otherDevice.connect();
    alice.http().logout();
    assertThat(s.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    assertThatThrownBy(() -> alice.http().conversations())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(alice::connect)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    // The other device is untouched.
    assertThat(other.requestSync(Frames.frame("ping")).get("type").asText()).isEqualTo("pong");
    assertThat(otherDevice.http().conversations()).isEmpty();
    other.close();
  }

  @Test
  void tokenInQueryParameter_isAccepted() throws Exception {
    TestUser alice = node.newUser("alice");
    var ws =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                java.net.URI.create(
                    "ws://127.0.0.1:" + node.port() + "/ws?access_token=" + alice.http().token()),
                new java.net.http.WebSocket.Listener() {})
            .get(10, TimeUnit.SECONDS);
    assertThat(ws.isInputClosed()).isFalse();
    ws.abort();
  }
}
