package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.client.AdminClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.UserView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server API for the operator's backend end to end (PROTOCOL.md section 8): keys, users by
 * external id, sessions for them, suspension (4003, 403), groups and messages as a member, stats.
 */
class AdminApiE2ETest {
  static final String KEY = "admin-key-0123456789-0123456789-abcdef";
  static final String OTHER_KEY = "second-admin-key-9876543210-9876543210";
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(AccountSettings.ADMIN_API_KEYS, Secret.of(KEY + ", " + OTHER_KEY)));
    admin = new AdminClient(node.uri(), KEY);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void keys_onlyAdminKeysOpenTheAdminApi_andThoseOpenNothingElse() {
    TestUser alice = node.newUser("alice");
    assertThat(new AdminClient(node.uri(), OTHER_KEY).stats().path("users").asLong()).isPositive();
    assertStatus(() -> new AdminClient(node.uri(), alice.http().token()).stats(), 401);
    assertStatus(() -> new AdminClient(node.uri(), KEY + "x").stats(), 401);
    assertStatus(() -> new AdminClient(node.uri(), KEY.substring(1)).stats(), 401);
    assertStatus(() -> node.anonymous().rawRequest("GET", "/admin/stats", null), 401);
    assertStatus(() -> node.anonymous().withToken(KEY).conversations(), 401);
    assertStatus(() -> node.anonymous().withToken(KEY).connect(), 401);
  }

  @Test
  void users_createFindAndSignIn_byExternalId() {
    String ext = "ext-" + System.nanoTime();
    String name = ("app_" + System.nanoTime() % 1_000_000).toLowerCase();
    UserView u = admin.createUser(name, "App User", null, ext);
    assertThat(u.username()).isEqualTo(name);
    assertThat(admin.userByExternalId(ext)).isEqualTo(u);
    assertStatus(() -> admin.userByExternalId("no-such-ext"), 404);
    assertStatus(() -> admin.createUser(name + "x", null, null, ext), 409);
    assertStatus(() -> admin.createUser(name, null, null, null), 409);
    assertStatus(() -> admin.createUser("BAD NAME", null, null, null), 400);

    LoginResult s = admin.createSession(u.id(), "app backend");
    MessengerClient app = node.anonymous().withToken(s.token());
    assertThat(app.user(u.id())).isEqualTo(u);
    // Without a password, a password login fails like any wrong one.
    assertStatus(() -> node.anonymous().login(name, "anything at all", null), 401);
    assertStatus(() -> admin.createSession("u_nobody", null), 404);

    UserView withPassword = admin.createUser(name + "_pw", null, "a password 123", null);
    assertThat(node.anonymous().login(withPassword.username(), "a password 123", null).userId())
        .isEqualTo(withPassword.id());
  }

  @Test
  void suspend_closesSocketsWith4003_refusesTokensAndLogins_untilLifted() throws Exception {
    TestUser bob = node.newUser("bob");
    TestUser friend = node.newUser("friend");
    String d = friend.http().openDirect(bob.id()).id();
    bob.http().postMessage(d, "kept", "my message stays");
    RecordingSocket socket = bob.connect();
    admin.suspend(bob.id());
    assertThat(socket.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4003);
    assertStatus(() -> bob.http().conversations(), 403);
    assertStatus(bob::connect, 403);
    assertStatus(() -> node.anonymous().login(bob.username(), bob.password(), null), 403);
    // A wrong password is still 401: the suspension is told only to whoever knows the password.
    assertStatus(() -> node.anonymous().login(bob.username(), "wrong password", null), 401);
    assertStatus(() -> admin.createSession(bob.id(), null), 403);
    assertThat(friend.http().history(d, null, null, null).messages()).hasSize(1);

    admin.unsuspend(bob.id());
    assertThat(bob.http().conversations()).hasSize(1);
    bob.connect().close();
  }

  @Test
  void groupsAndMessages_asAMember() throws Exception {
    TestUser owner = node.newUser("owner");
    TestUser member = node.newUser("member");
    TestUser outsider = node.newUser("outsider");
    var g = admin.createGroup("Announcements", owner.id(), List.of(member.id()));
    assertThat(g.members()).hasSize(2);
    try (RecordingSocket s = member.connect()) {
      var m = admin.postMessage(g.id(), owner.id(), "bot-1", "hello from the backend");
      assertThat(m.senderId()).isEqualTo(owner.id());
      s.await(
          f ->
              "message".equals(f.path("type").asText())
                  && "hello from the backend".equals(f.path("body").asText()),
          T);
      // Idempotent like any send.
      assertThat(admin.postMessage(g.id(), owner.id(), "bot-1", "hello from the backend").seq())
          .isEqualTo(m.seq());
    }
    assertStatus(() -> admin.postMessage(g.id(), outsider.id(), "x-1", "not a member"), 404);
    assertStatus(() -> admin.postMessage(g.id(), owner.id(), "x-2", " "), 400);
    assertStatus(() -> admin.createGroup("x", "u_nobody", List.of()), 404);
  }

  @Test
  void stats_countUsersConversationsMessagesAndConnections() {
    TestUser a = node.newUser("stats");
    var before = admin.stats();
    a.http().postMessage(a.http().createGroup("s", List.of()).id(), "s-1", "one");
    try (RecordingSocket s = a.connect()) {
      var after = admin.stats();
      assertThat(after.path("users").asLong())
          .isGreaterThanOrEqualTo(before.path("users").asLong());
      assertThat(after.path("conversations").asLong())
          .isGreaterThan(before.path("conversations").asLong());
      assertThat(after.path("messages").asLong()).isGreaterThan(before.path("messages").asLong());
      assertThat(after.path("connections").asLong()).isPositive();
    }
  }
}
