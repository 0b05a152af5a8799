package dev.messenger.cluster;

import dev.messenger.core.presence.PresenceRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide {@link PresenceRegistry}: which users have connections on which nodes, in the
 * NATS KV bucket {@code messenger_presence_v2} (file storage, so it outlives a NATS restart; no
 * TTL). It is also the routing table of {@link NatsBus}: a doorbell for a user goes to the nodes
 * this registry lists for it ({@link #nodesOf}).
 *
 * <p>Keys: {@code n.<node>} (the node's heartbeat, re-put every {@code heartbeat}: one KV write per
 * node, whatever its number of users) and {@code u.<user>.<node>} (the user has connections on that
 * node), put on the user's first connection on the node and deleted on its last: no refresh. Every
 * node watches the bucket into a {@link PresenceMirror}, so {@link #isOnline} and routing are local
 * lookups. Each heartbeat also compares the node's own keys in the mirror with its connections and
 * repairs the difference (a write that failed while NATS was away, leftovers of this node's
 * previous life after a {@code kill -9}).
 *
 * <p>A node whose heartbeat was not seen for {@code 3 x heartbeat} is dead. Every survivor stops
 * routing to it and counts its users offline at once; each of its users is reaped by one survivor
 * (rendezvous hash of the user over the live nodes, so the work is sharded, no leader), which
 * deletes the key and reports the user to {@code onUserLost} unless online elsewhere. A dead node's
 * users are thus reported offline within {@code 4 x heartbeat} of its death, then the presence
 * grace applies as for any last disconnect. Thread-safe.
 */
public final class NatsPresenceRegistry implements PresenceRegistry, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsPresenceRegistry.class);
  static final String BUCKET = "messenger_presence_v2";
  private static final int STRIPES = 1024;

  /** Every this many heartbeats the own keys are compared with the connections even if clean. */
  private static final int FULL_CHECK_EVERY = 10;

  private final String nodeId;
  private final Duration heartbeat;
  private final KeyValueManagement kvm;
  private final KeyValue kv;
  private final String bucket;
  private final ScheduledExecutorService timer;
  private final PresenceMirror mirror;
  private final Object[] stripes = new Object[STRIPES];

  /** Local connections by user. */
  private final Map<String, Set<String>> local = new ConcurrentHashMap<>();

  /**
   * When each local user's key was last put (ms): a key younger than a heartbeat may not be
   * mirrored yet, so its absence from the mirror means nothing.
   */
  private final Map<String, Long> keyPutAt = new ConcurrentHashMap<>();

  private volatile Consumer<String> onUserLost = u -> {};
  private volatile Runnable onNodeLost = () -> {};
  private volatile Runnable onRoutesDropped = () -> {};
  private volatile boolean dirty = true;
  private boolean firstCheck = true;
  private int beats;

  /**
   * Opens (creating it if needed) the bucket {@code messenger_presence_v2}, loads the mirror and
   * starts heart-beating.
   *
   * @throws IOException if NATS or JetStream is unreachable
   */
  public NatsPresenceRegistry(NatsConnection connection, String nodeId, Duration heartbeat)
      throws IOException {
    this(connection, nodeId, heartbeat, BUCKET);
  }

  /**
   * Like {@link #NatsPresenceRegistry(NatsConnection, String, Duration)} on the bucket named {@code
   * bucket}: every node of one deployment must use the same one (tests use one each, so that runs
   * sharing a NATS do not see each other's nodes).
   *
   * @throws IOException if NATS or JetStream is unreachable, or the mirror does not load in 10 s
   */
  public NatsPresenceRegistry(
      NatsConnection connection, String nodeId, Duration heartbeat, String bucket)
      throws IOException {
    this.nodeId = nodeId;
    this.heartbeat = heartbeat;
    this.bucket = bucket;
    this.mirror = new PresenceMirror(nodeId);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    CountDownLatch loaded = new CountDownLatch(1);
    try {
      this.kvm = connection.nats().keyValueManagement();
      ensureBucket();
      this.kv = connection.nats().keyValue(bucket);
      kv.watchAll(mirror.watcher(loaded::countDown));
      if (!loaded.await(10, TimeUnit.SECONDS)) {
        throw new IOException("the presence bucket " + bucket + " did not load within 10 s");
      }
    } catch (JetStreamApiException e) {
      throw new IOException("cannot open the NATS KV bucket " + bucket, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "presence-heartbeat");
              t.setDaemon(true);
              return t;
            });
    putBeat();
    long ms = heartbeat.toMillis();
    timer.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    connection.onReconnect(
        () ->
            timer.execute(
                () -> {
                  dirty = true;
                  beat();
                }));
  }

  /** Sets who hears of users lost with a dead node (called on the heartbeat thread). */
  public void onUserLost(Consumer<String> handler) {
    this.onUserLost = handler;
  }

  /**
   * Sets what runs on every node when it finds another node dead (called on the heartbeat thread):
   * the dead node's last doorbells may never have gone out, so sessions re-check the store.
   */
  public void onNodeLost(Runnable action) {
    this.onNodeLost = action;
  }

  /**
   * Sets what runs when this node finds keys of its connected users deleted by others (it was taken
   * for dead, e.g. stopped for longer than 3 heartbeats): the other nodes did not route its users'
   * doorbells meanwhile, so its sessions re-check the store. Called on the heartbeat thread.
   */
  public void onRoutesDropped(Runnable action) {
    this.onRoutesDropped = action;
  }

  /** Called with (user, node) when the user's first connection on another node is heard of. */
  void onRoute(java.util.function.BiConsumer<String, String> listener) {
    mirror.onRoute(listener);
  }

  String nodeId() {
    return nodeId;
  }

  /** The live nodes (this one included) where the user has connections: where doorbells go. */
  List<String> nodesOf(String userId) {
    return mirror.nodesOf(userId);
  }

  @Override
  public boolean connect(String userId, String connectionId) {
    synchronized (stripe(userId)) {
      boolean[] firstHere = {false};
      local.compute(
          userId,
          (u, set) -> {
            Set<String> s = set == null ? new HashSet<>() : set;
            firstHere[0] = s.isEmpty();
            s.add(connectionId);
            return s;
          });
      if (!firstHere[0]) {
        return false;
      }
      boolean elsewhere = mirror.onlineElsewhere(userId);
      keyPutAt.put(userId, System.currentTimeMillis());
      put(userKey(userId, nodeId));
      return !elsewhere;
    }
  }

  @Override
  public boolean disconnect(String userId, String connectionId) {
    synchronized (stripe(userId)) {
      boolean[] lastHere = {false};
      local.computeIfPresent(
          userId,
          (u, set) -> {
            set.remove(connectionId);
            lastHere[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
          });
      if (!lastHere[0]) {
        return false;
      }
      keyPutAt.remove(userId);
      delete(userKey(userId, nodeId));
      return !mirror.onlineElsewhere(userId);
    }
  }

  @Override
  public boolean isOnline(String userId) {
    return local.containsKey(userId) || mirror.onlineElsewhere(userId);
  }

  /** Nodes this registry currently believes alive (for tests and logs). */
  public List<String> liveNodes() {
    return mirror.liveNodes();
  }

  private Object stripe(String userId) {
    return stripes[Math.floorMod(userId.hashCode(), STRIPES)];
  }

  private void beat() {
    try {
      putBeat();
      if (dirty || firstCheck || ++beats % FULL_CHECK_EVERY == 0) {
        dirty = false;
        checkOwnKeys();
      }
      List<String> found = mirror.findDead(System.currentTimeMillis(), deadAfterMillis());
      if (!found.isEmpty()) {
        LOG.info("nodes {} missed 3 heartbeats: taken for dead", found);
        onNodeLost.run();
      }
      reap();
    } catch (RuntimeException e) {
      LOG.warn("presence heartbeat failed", e);
    }
  }

  private long deadAfterMillis() {
    return heartbeat.multipliedBy(3).toMillis();
  }

  private void putBeat() {
    long now = System.currentTimeMillis();
    if (put("n." + nodeId, Long.toString(now).getBytes(StandardCharsets.UTF_8))) {
      mirror.beat(nodeId, now);
    }
  }

  /**
   * Repairs the difference between this node's keys in the mirror and its connections. On the first
   * check, keys of users with no connection here are leftovers of this node's previous life: those
   * users are reported lost (unless online elsewhere). Later, a connected user whose key is missing
   * was reaped by others: its key is put again and {@code onRoutesDropped} runs.
   */
  private void checkOwnKeys() {
    boolean startup = firstCheck;
    firstCheck = false;
    Set<String> keyed = mirror.usersOf(nodeId);
    long settled = System.currentTimeMillis() - heartbeat.toMillis();
    int restored = 0;
    for (String userId : local.keySet()) {
      if (!keyed.contains(userId)) {
        synchronized (stripe(userId)) {
          if (local.containsKey(userId) && keyPutAt.getOrDefault(userId, 0L) < settled) {
            keyPutAt.put(userId, System.currentTimeMillis());
            put(userKey(userId, nodeId));
            restored++;
          }
        }
      }
    }
    for (String userId : keyed) {
      synchronized (stripe(userId)) {
        if (!local.containsKey(userId)) {
          delete(userKey(userId, nodeId));
          if (startup && !mirror.onlineElsewhere(userId)) {
            onUserLost.accept(userId);
          }
        }
      }
    }
    if (restored > 0 && !startup) {
      LOG.warn("{} presence keys of this node were missing (taken for dead?): put again", restored);
      onRoutesDropped.run();
    }
  }

  private void reap() {
    for (var e : mirror.toReap().entrySet()) {
      String dead = e.getKey();
      if (e.getValue().isEmpty()) {
        delete("n." + dead);
        continue;
      }
      LOG.info("reaping {} users of dead node {}", e.getValue().size(), dead);
      for (String userId : e.getValue()) {
        if (delete(userKey(userId, dead))) {
          mirror.remove(userId, dead);
          if (!isOnline(userId)) {
            onUserLost.accept(userId);
          }
        }
      }
    }
  }

  private boolean put(String key) {
    return put(key, new byte[] {1});
  }

  private boolean put(String key, byte[] value) {
    try {
      kv.put(key, value);
      return true;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      dirty = true;
      LOG.warn("cannot write presence key {}: {}", key, e.toString());
      return false;
    }
  }

  private boolean delete(String key) {
    try {
      kv.delete(key);
      return true;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      dirty = true;
      LOG.warn("cannot delete presence key {}: {}", key, e.toString());
      return false;
    }
  }

  private void ensureBucket() throws IOException, JetStreamApiException {
    if (!kvm.getBucketNames().contains(bucket)) {
      try {
        kvm.create(
            KeyValueConfiguration.builder()
                .name(bucket)
                .maxHistoryPerKey(1)
                .storageType(StorageType.File)
                .build());
      } catch (JetStreamApiException e) {
        LOG.debug("bucket created concurrently", e);
      }
    }
  }

  private static String userKey(String userId, String node) {
    return "u." + userId + "." + node;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    try {
      for (String userId : local.keySet()) {
        kv.delete(userKey(userId, nodeId));
      }
      kv.delete("n." + nodeId);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      LOG.debug("cannot clean presence keys on close", e);
    }
  }
}
