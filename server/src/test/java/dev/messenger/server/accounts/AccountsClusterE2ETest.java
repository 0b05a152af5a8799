package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.AccountClient;
import dev.messenger.client.AdminClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.MessengerNode;
import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account rules that cross nodes (PROTOCOL.md sections 6 and 8), on two nodes sharing one
 * PostgreSQL and one NATS: a device revoked through one node is closed (4001) on the other, a user
 * suspended through one is closed (4003) on the other, and a block made through one is obeyed by
 * the other at once (sends, typing and presence), its cache dropped through the bus.
 */
class AccountsClusterE2ETest {
  private static final Duration T = Duration.ofSeconds(15);
  private static final AtomicInteger N = new AtomicInteger();
  private static String db;
  private static final List<MessengerNode> nodes = new ArrayList<>();
  private static final List<URI> uris = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    ClusterServices.require();
    db = ClusterServices.newDatabase();
    for (String id : List.of("a", "b")) {
      Settings s =
          TestNode.testSettings()
              .with(ClusterSettings.PRESENCE_HEARTBEAT, Duration.ofMillis(500))
              .with(AccountSettings.ADMIN_API_KEYS, Secret.of(AdminApiE2ETest.KEY))
              .with(
                  TestNode.postgres(
                      db, BusKind.NATS, ClusterServices.NATS, "acc" + id + N.incrementAndGet()));
      MessengerNode node = new MessengerNode(s);
      uris.add(URI.create("http://127.0.0.1:" + node.start()));
      nodes.add(node);
    }
  }

  @AfterAll
  static void stop() {
    nodes.forEach(MessengerNode::close);
    if (db != null) {
      ClusterServices.dropDatabase(db);
    }
  }

  record User(String id, String name, String password, MessengerClient http) {}

  private static User user(int node, String prefix) {
    String name = prefix + "_" + N.incrementAndGet() + "_" + (System.nanoTime() % 1000);
    MessengerClient anon = new MessengerClient(uris.get(node));
    anon.register(name, "password-" + name, null);
    LoginResult r = anon.login(name, "password-" + name, null);
    return new User(r.userId(), name, "password-" + name, anon.withToken(r.token()));
  }

  private static MessengerClient on(int node, String token) {
    return new MessengerClient(uris.get(node)).withToken(token);
  }

  @Test
  void revokeThroughA_closesTheDevicesSocketOnB_with4001() throws Exception {
    User alice = user(0, "alice");
    LoginResult phone =
        new MessengerClient(uris.get(1)).login(alice.name(), alice.password(), "phone");
    RecordingSocket onB = RecordingSocket.open(on(1, phone.token()));
    new AccountClient(alice.http()).revokeDevice(phone.deviceId());
    assertThat(onB.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    assertThatThrownBy(() -> on(1, phone.token()).conversations())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void suspendThroughA_closesTheUsersSocketsOnB_with4003() throws Exception {
    User bob = user(1, "bob");
    RecordingSocket onB = RecordingSocket.open(bob.http());
    new AdminClient(uris.get(0), AdminApiE2ETest.KEY).suspend(bob.id());
    assertThat(onB.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4003);
    assertThatThrownBy(() -> bob.http().conversations())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    new AdminClient(uris.get(1), AdminApiE2ETest.KEY).unsuspend(bob.id());
    assertThat(bob.http().conversations()).isEmpty();
  }

  @Test
  void blockThroughA_isObeyedOnB_atOnce_forSendsTypingAndPresence() throws Exception {
    User a = user(0, "a");
    User b = user(1, "b");
    User c = user(1, "c");
    String g = c.http().createGroup("g", List.of(a.id(), b.id())).id();
    String d = b.http().openDirect(a.id()).id();
    try (RecordingSocket bs = RecordingSocket.open(b.http());
        RecordingSocket as = RecordingSocket.open(on(1, a.http().token()));
        RecordingSocket cs = RecordingSocket.open(c.http())) {
      // b's node caches both users' blocks (empty) through this send.
      assertThat(bs.send(d, "b-0", "before").get().path("type").asText()).isEqualTo("sent");
      bs.subscribePresence(List.of(a.id()));
      bs.await(f -> "presence".equals(f.path("type").asText()), T);

      new AccountClient(a.http()).block(b.id()); // through node A

      // B's node heard it: the direct send is refused right away (retried only for the bus
      // delay, a few milliseconds).
      JsonNode refused = null;
      long deadline = System.nanoTime() + T.toNanos();
      for (int i = 1; System.nanoTime() < deadline; i++) {
        refused = bs.send(d, "b-" + i, "after").get();
        if ("error".equals(refused.path("type").asText())) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(refused.path("code").asText()).isEqualTo("forbidden");
      assertThat(on(1, b.http().token()).presence(List.of(a.id()))).isEmpty();

      as.typing(g, "start");
      cs.await(
          f -> "typing".equals(f.path("type").asText()) && a.id().equals(f.path("userId").asText()),
          T);
      assertThat(bs.frames("typing")).isEmpty();

      int presenceBefore = bs.frames("presence").size();
      as.close();
      cs.subscribePresence(List.of(a.id()));
      Thread.sleep(1500); // past the presence grace (300 ms) and a heartbeat
      assertThat(bs.frames("presence")).hasSize(presenceBefore);

      // Group messages still flow between them.
      cs.send(g, "c-1", "to all").get();
      bs.await(
          f ->
              "message".equals(f.path("type").asText()) && "to all".equals(f.path("body").asText()),
          T);
    }
  }
}
