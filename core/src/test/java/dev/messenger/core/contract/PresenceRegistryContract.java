package dev.messenger.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Ids;
import dev.messenger.core.presence.PresenceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link PresenceRegistry} must do on one node, per its Javadoc: {@code connect} is true
 * for the user's first connection only, {@code disconnect} is true for its last one only, a user is
 * online while it has a connection, and forgetting a connection that was never recorded changes
 * nothing. Cross-node behaviour (a registry shared by several nodes) is tested by the cluster
 * adapter's own tests.
 *
 * <p>An adapter's test extends this class and supplies a registry per test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PresenceRegistryContract {
  protected PresenceRegistry registry;

  /** Names unique to this test, so that adapters sharing a server do not see other runs. */
  private final String run = Ids.randomBase64(6).replace('-', 'x').replace('_', 'y');

  /** A working registry with no connection of this test's users; called before each test. */
  protected abstract PresenceRegistry newRegistry() throws Exception;

  /** Releases what {@link #newRegistry()} opened; called after each test. */
  protected void closeRegistry(PresenceRegistry registry) throws Exception {}

  @BeforeEach
  void openRegistry() throws Exception {
    registry = newRegistry();
  }

  @AfterEach
  void close() throws Exception {
    closeRegistry(registry);
  }

  @Test
  void unknownUser_isOffline() {
    assertThat(registry.isOnline(user("nobody"))).isFalse();
  }

  @Test
  void connect_firstConnection_returnsTrue_andUserIsOnline() {
    assertThat(registry.connect(user("alice"), "k1")).isTrue();

    assertThat(registry.isOnline(user("alice"))).isTrue();
    assertThat(registry.isOnline(user("bob"))).isFalse();
  }

  @Test
  void disconnect_lastConnection_returnsTrue_andUserIsOffline() {
    registry.connect(user("alice"), "k1");

    assertThat(registry.disconnect(user("alice"), "k1")).isTrue();

    assertThat(registry.isOnline(user("alice"))).isFalse();
  }

  @Test
  void severalConnections_onlyFirstConnectAndLastDisconnectReturnTrue() {
    assertThat(registry.connect(user("alice"), "k1")).isTrue();
    assertThat(registry.connect(user("alice"), "k2")).isFalse();
    assertThat(registry.connect(user("alice"), "k3")).isFalse();

    assertThat(registry.disconnect(user("alice"), "k2")).isFalse();
    assertThat(registry.isOnline(user("alice"))).isTrue();
    assertThat(registry.disconnect(user("alice"), "k1")).isFalse();
    assertThat(registry.isOnline(user("alice"))).isTrue();
    assertThat(registry.disconnect(user("alice"), "k3")).isTrue();
    assertThat(registry.isOnline(user("alice"))).isFalse();
  }

  @Test
  void users_areIndependent() {
    registry.connect(user("alice"), "k1");
    assertThat(registry.connect(user("bob"), "k1")).as("same connection id, other user").isTrue();

    assertThat(registry.disconnect(user("alice"), "k1")).isTrue();

    assertThat(registry.isOnline(user("alice"))).isFalse();
    assertThat(registry.isOnline(user("bob"))).isTrue();
  }

  @Test
  void reconnect_afterLastDisconnect_isAFirstConnectionAgain() {
    registry.connect(user("alice"), "k1");
    registry.disconnect(user("alice"), "k1");

    assertThat(registry.connect(user("alice"), "k2")).isTrue();
    assertThat(registry.isOnline(user("alice"))).isTrue();
  }

  @Test
  void disconnect_ofUnknownUser_isHarmless() {
    assertThat(registry.disconnect(user("nobody"), "k1")).isFalse();

    assertThat(registry.isOnline(user("nobody"))).isFalse();
    assertThat(registry.connect(user("nobody"), "k1")).isTrue();
  }

  @Test
  void disconnect_ofUnknownConnection_isHarmless() {
    registry.connect(user("alice"), "k1");

    assertThat(registry.disconnect(user("alice"), "k-never")).isFalse();
    assertThat(registry.disconnect(user("alice"), "k1")).isTrue();
    assertThat(registry.disconnect(user("alice"), "k1")).as("twice").isFalse();
    assertThat(registry.isOnline(user("alice"))).isFalse();
  }

  @Test
  void concurrentConnects_exactlyOneIsFirst_andConcurrentDisconnects_exactlyOneIsLast()
      throws Exception {
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> connects = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String k = "k" + i;
        connects.add(pool.submit(() -> registry.connect(user("alice"), k)));
      }
      assertThat(count(connects)).as("first connections").isEqualTo(1);
      assertThat(registry.isOnline(user("alice"))).isTrue();

      List<Future<Boolean>> disconnects = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String k = "k" + i;
        disconnects.add(pool.submit(() -> registry.disconnect(user("alice"), k)));
      }
      assertThat(count(disconnects)).as("last connections").isEqualTo(1);
      assertThat(registry.isOnline(user("alice"))).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A user id unique to this test. */
  protected final String user(String name) {
    return "u" + run + "_" + name;
  }

  private static int count(List<Future<Boolean>> results) throws Exception {
    int trues = 0;
    for (Future<Boolean> f : results) {
      if (f.get(30, TimeUnit.SECONDS)) {
        trues++;
      }
    }
    return trues;
  }
}
