package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.client.AccountClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.DeviceView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.AccountSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's sessions end to end (PROTOCOL.md section 8): the device list, revoking one device (4001
 * on its sockets), a password change logging the other devices out, and the idle timeout.
 */
class DevicesE2ETest {
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static AccountClient account(TestUser u) {
    return new AccountClient(u.http());
  }

  @Test
  void devices_listEveryLoggedInDevice_markingTheCurrentOne() {
    TestUser alice = node.newUser("alice");
    TestUser phone = node.newDevice(alice);
    var devices = account(alice).devices();
    assertThat(devices)
        .extracting(DeviceView::id)
        .containsExactly(alice.deviceId(), phone.deviceId());
    assertThat(devices)
        .filteredOn(DeviceView::current)
        .extracting(DeviceView::id)
        .containsExactly(alice.deviceId());
    DeviceView d = devices.get(0);
    assertThat(d.name()).isEqualTo("test");
    assertThat(d.createdAt()).isPositive();
    assertThat(d.lastActiveAt()).isGreaterThanOrEqualTo(d.createdAt());
    assertThat(d.pushType()).isNull();
  }

  @Test
  void revokeDevice_closesItsSocketsWith4001_andItsTokenStops_othersGoOn() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser phone = node.newDevice(alice);
    RecordingSocket phoneSocket = phone.connect();
    RecordingSocket mine = alice.connect();
    account(alice).revokeDevice(phone.deviceId());
    assertThat(phoneSocket.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    assertThatThrownBy(() -> phone.http().conversations())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(account(alice).devices())
        .extracting(DeviceView::id)
        .containsExactly(alice.deviceId());
    assertThat(mine.ping().get(10, TimeUnit.SECONDS).path("type").asText()).isEqualTo("pong");
    mine.close();
  }

  @Test
  void revokeDevice_notOwnOrAlreadyRevoked_isNotFound() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    assertThatThrownBy(() -> account(alice).revokeDevice(bob.deviceId()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    TestUser old = node.newDevice(alice);
    account(alice).revokeDevice(old.deviceId());
    assertThatThrownBy(() -> account(alice).revokeDevice(old.deviceId()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    // Bob's device was not touched by the refused call.
    assertThat(bob.http().conversations()).isEmpty();
  }

  @Test
  void changePassword_logsOutEveryOtherDevice_keepsThisOne() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser phone = node.newDevice(alice);
    RecordingSocket phoneSocket = phone.connect();
    assertThatThrownBy(() -> account(alice).changePassword("not the password", "new password 1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> account(alice).changePassword(alice.password(), "short"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(phone.http().conversations()).isEmpty();

    account(alice).changePassword(alice.password(), "new password 1");
    assertThat(phoneSocket.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    assertThatThrownBy(() -> phone.http().conversations())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(alice.http().conversations()).isEmpty();
    assertThatThrownBy(() -> node.anonymous().login(alice.username(), alice.password(), null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(node.anonymous().login(alice.username(), "new password 1", null).userId())
        .isEqualTo(alice.id());
  }

  @Test
  void idleTimeout_anUnusedTokenStops_aUsedOneAndAnOpenSocketKeepTheirs() throws Exception {
    try (TestNode short_ =
        TestNode.start(
            TestNode.testSettings()
                .with(AccountSettings.SESSION_IDLE_TIMEOUT, Duration.ofSeconds(2)))) {
      TestUser idle = short_.newUser("idle");
      TestUser busy = short_.newUser("busy");
      TestUser connected = short_.newUser("conn");
      RecordingSocket socket = connected.connect();
      long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
      while (System.nanoTime() < until) {
        assertThat(busy.http().conversations()).isEmpty();
        Thread.sleep(250);
      }
      assertThatThrownBy(() -> idle.http().conversations())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
      assertThatThrownBy(idle::connect)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
      assertThat(busy.http().conversations()).isEmpty();
      // The socket's device was recorded as active while it stayed open.
      MessengerClient sameToken = connected.http();
      assertThat(sameToken.conversations()).isEmpty();
      socket.close();
    }
  }
}
