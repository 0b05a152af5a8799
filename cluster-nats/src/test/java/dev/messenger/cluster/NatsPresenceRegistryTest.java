package dev.messenger.cluster;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.contract.PresenceRegistryContract;
import dev.messenger.core.presence.PresenceRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PresenceRegistryContract} on {@link NatsPresenceRegistry} against the real NATS
 * JetStream on 127.0.0.1:4222, plus what only the cluster registry does, with two or three
 * registries ("nodes", each on its own connection) sharing one bucket: a user online on one node is
 * online as seen from the others; a node that dies without cleaning up (its connection closed, so
 * its heartbeats stop) has its users offline for every survivor after the heartbeat timeout, each
 * reported lost by exactly one survivor (sharded); heartbeats write one key per node, none per
 * user; a node restarted with the same id reports its previous life's users lost. Each test has its
 * own bucket and node names and a 100 ms heartbeat. Skipped when NATS is not there, except under
 * CI.
 */
class NatsPresenceRegistryTest extends PresenceRegistryContract {
  private static final Duration HEARTBEAT = Duration.ofMillis(100);

  /** A dead node's users go offline within 4 heartbeats; the rest is slack for a busy machine. */
  private static final Duration NODE_DEATH_TIMEOUT = HEARTBEAT.multipliedBy(4).plusSeconds(5);

  private final String bucket = TestNats.unique("presence_test_");
  private final List<NatsPresenceRegistry> nodes = new ArrayList<>();
  private final List<NatsConnection> connections = new ArrayList<>();
  private NatsConnection admin;

  @AfterEach
  void closeNodes() {
    nodes.forEach(NatsPresenceRegistry::close);
    connections.forEach(NatsConnection::close);
    if (admin != null) {
      TestNats.deleteBucket(admin, bucket);
      admin.close();
    }
  }

  @Override
  protected PresenceRegistry newRegistry() throws IOException {
    admin = TestNats.connectWithJetStreamOrSkip("presence-test-admin");
    return node("a");
  }

  @Test
  void userOnNodeA_isOnlineAsSeenFromB_andOfflineAfterItsLastDisconnect() throws IOException {
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    NatsPresenceRegistry b = node("b");

    assertThat(a.connect(user("alice"), "k1")).isTrue();
    waitUntil("B sees alice online", () -> b.isOnline(user("alice")));
    assertThat(b.isOnline(user("bob"))).isFalse();

    assertThat(a.disconnect(user("alice"), "k1")).isTrue();
    waitUntil("B sees alice offline", () -> !b.isOnline(user("alice")));
  }

  @Test
  void connectOnB_whileOnlineOnA_isNotFirst_andDisconnectOnB_isNotLast() throws IOException {
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    NatsPresenceRegistry b = node("b");
    a.connect(user("alice"), "k1");
    waitUntil("B sees alice online", () -> b.isOnline(user("alice")));

    assertThat(b.connect(user("alice"), "k2")).as("first connection").isFalse();
    assertThat(b.disconnect(user("alice"), "k2")).as("last connection").isFalse();

    assertThat(b.isOnline(user("alice"))).isTrue();
    assertThat(a.isOnline(user("alice"))).isTrue();
  }

  @Test
  void disconnectsDuringHeartbeats_leaveNoUserOnlineAsSeenFromTheOtherNodes() throws IOException {
    // A heartbeat re-puts the key of every local user; a disconnect between its look-up and its put
    // used to leave the key behind, and the other nodes saw the user online until this one died.
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    NatsPresenceRegistry b = node("b");
    for (int round = 0; round < 2; round++) {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        users.add(user(round + "_" + i));
        a.connect(users.get(i), "k1");
      }
      waitUntil("B sees them all online", () -> users.stream().allMatch(b::isOnline));

      users.forEach(u -> a.disconnect(u, "k1"));

      waitUntil(
          "B sees them all offline",
          () -> users.stream().noneMatch(b::isOnline),
          NODE_DEATH_TIMEOUT);
    }
  }

  @Test
  void nodeStartedLater_seesUsersAlreadyOnline() throws IOException {
    registry.connect(user("alice"), "k1");

    NatsPresenceRegistry late = node("late");

    waitUntil("the late node sees alice online", () -> late.isOnline(user("alice")));
  }

  @Test
  void nodeClosed_itsUsersAreOfflineAsSeenFromTheOthers() throws IOException {
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    NatsPresenceRegistry b = node("b");
    a.connect(user("alice"), "k1");
    waitUntil("B sees alice online", () -> b.isOnline(user("alice")));

    a.close();

    waitUntil("B sees alice offline", () -> !b.isOnline(user("alice")));
  }

  @Test
  void nodeDeath_makesItsUsersOfflineAsSeenFromTheSurvivor_afterTheHeartbeatTimeout()
      throws IOException {
    NatsPresenceRegistry survivor = (NatsPresenceRegistry) registry;
    NatsConnection dying = connect("dying");
    NatsPresenceRegistry a = node(dying, "dying");
    List<String> lost = new CopyOnWriteArrayList<>();
    survivor.onUserLost(lost::add);
    AtomicInteger nodesLost = new AtomicInteger();
    survivor.onNodeLost(nodesLost::incrementAndGet);
    a.connect(user("alice"), "k1");
    a.connect(user("both"), "k2");
    survivor.connect(user("both"), "k3");
    survivor.connect(user("bob"), "k4");
    waitUntil("the survivor sees alice online", () -> survivor.isOnline(user("alice")));
    assertThat(survivor.liveNodes()).containsExactlyInAnyOrder(nodeId("a"), nodeId("dying"));

    dying.close();

    waitUntil(
        "the survivor sees alice offline",
        () -> !survivor.isOnline(user("alice")),
        NODE_DEATH_TIMEOUT);
    waitUntil("alice is reported lost", () -> lost.contains(user("alice")), NODE_DEATH_TIMEOUT);
    assertThat(lost).as("users online on the survivor are not lost").containsExactly(user("alice"));
    assertThat(survivor.isOnline(user("both"))).isTrue();
    assertThat(survivor.isOnline(user("bob"))).isTrue();
    assertThat(survivor.liveNodes()).containsExactly(nodeId("a"));
    assertThat(nodesLost).hasValue(1);
  }

  @Test
  void nodeDeath_everySurvivorSeesItsUsersOffline_andEachIsReportedLostByExactlyOneSurvivor()
      throws IOException {
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    NatsConnection dying = connect("dying");
    NatsPresenceRegistry b = node(dying, "b-dying");
    NatsPresenceRegistry c = node("c");
    List<String> lostOnA = new CopyOnWriteArrayList<>();
    List<String> lostOnC = new CopyOnWriteArrayList<>();
    a.onUserLost(lostOnA::add);
    c.onUserLost(lostOnC::add);
    AtomicInteger nodesLostOnC = new AtomicInteger();
    c.onNodeLost(nodesLostOnC::incrementAndGet);
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      users.add(user("d" + i));
      b.connect(users.get(i), "k" + i);
    }
    waitUntil(
        "the others see them online",
        () -> users.stream().allMatch(u -> a.isOnline(u) && c.isOnline(u)));

    dying.close();

    waitUntil(
        "the others see them offline",
        () -> users.stream().noneMatch(u -> a.isOnline(u) || c.isOnline(u)),
        NODE_DEATH_TIMEOUT);
    waitUntil(
        "every user is reported lost",
        () -> lostOnA.size() + lostOnC.size() >= users.size(),
        NODE_DEATH_TIMEOUT);
    List<String> all = new ArrayList<>(lostOnA);
    all.addAll(lostOnC);
    assertThat(all).as("each once").containsExactlyInAnyOrderElementsOf(users);
    assertThat(lostOnA).as("sharded: both survivors reap some").isNotEmpty();
    assertThat(lostOnC).as("sharded: both survivors reap some").isNotEmpty();
    waitUntil("C finds the node dead too", () -> nodesLostOnC.get() == 1, NODE_DEATH_TIMEOUT);
  }

  @Test
  void userKeys_areWrittenOnFirstConnectAndLastDisconnectOnly_notOnHeartbeats() throws Exception {
    NatsPresenceRegistry a = (NatsPresenceRegistry) registry;
    a.connect(user("alice"), "k1");
    a.connect(user("alice"), "k2");
    long before = streamSeq();

    Thread.sleep(HEARTBEAT.toMillis() * 5);

    // Five heartbeats: one key write each (the node's), none for alice.
    long writes = streamSeq() - before;
    assertThat(writes).isBetween(3L, 7L);
  }

  @Test
  void nodeRestartedWithTheSameId_reportsItsPreviousLifesUsersLost_andDeletesTheirKeys()
      throws IOException {
    NatsPresenceRegistry watcher = (NatsPresenceRegistry) registry;
    NatsConnection first = connect("first-life");
    NatsPresenceRegistry life1 = node(first, "phoenix");
    life1.connect(user("alice"), "k1");
    waitUntil("alice is online", () -> watcher.isOnline(user("alice")));
    first.close(); // kill -9: no clean-up, and back before 3 heartbeats

    NatsPresenceRegistry life2 = node("phoenix");
    List<String> lost = new CopyOnWriteArrayList<>();
    life2.onUserLost(lost::add);

    waitUntil("the new life reports alice lost", () -> lost.contains(user("alice")));
    waitUntil("alice is offline as seen from the others", () -> !watcher.isOnline(user("alice")));
  }

  // ------------------------------------------------------------------ helpers

  /** A node named {@code name} (unique to this test) on a connection of its own. */
  private NatsPresenceRegistry node(String name) throws IOException {
    return node(connect(name), name);
  }

  private NatsPresenceRegistry node(NatsConnection connection, String name) throws IOException {
    NatsPresenceRegistry r = new NatsPresenceRegistry(connection, nodeId(name), HEARTBEAT, bucket);
    nodes.add(r);
    return r;
  }

  /** The node id used for {@code name} in this test. */
  private String nodeId(String name) {
    return bucket.substring("presence_test_".length()) + "-" + name;
  }

  private long streamSeq() throws Exception {
    return admin
        .nats()
        .jetStreamManagement()
        .getStreamInfo("KV_" + bucket)
        .getStreamState()
        .getLastSequence();
  }

  private NatsConnection connect(String name) {
    NatsConnection c = TestNats.connectWithJetStreamOrSkip("presence-test-" + name);
    connections.add(c);
    return c;
  }
}
