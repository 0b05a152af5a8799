package dev.messenger.cluster;

import dev.messenger.core.presence.PresenceRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide {@link PresenceRegistry}: which users have connections on which nodes, in the
 * NATS KV bucket {@code messenger_presence} (memory storage, per-bucket TTL {@code 3 x heartbeat}).
 *
 * <p>Keys: {@code n.<node>} (the node is alive; value: ms timestamp) and {@code u.<user>.<node>}
 * (the user has connections on that node). Each node re-puts its keys every {@code heartbeat} (and
 * deletes any key it still has for a user no longer connected there); every node watches the bucket
 * and keeps a local mirror, so {@link #isOnline} is a local lookup. A node whose {@code n.} key has
 * not been refreshed for {@code 3 x heartbeat} is dead: the live node with the smallest id deletes
 * its user keys and reports each of its users that is online nowhere else to the {@code onUserLost}
 * handler (which announces offline). So a dead node's users go offline within {@code 4 x heartbeat
 * + presence-grace} of the kill. Thread-safe.
 */
public final class NatsPresenceRegistry implements PresenceRegistry, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsPresenceRegistry.class);
  static final String BUCKET = "messenger_presence";

  private final String nodeId;
  private final Duration heartbeat;
  private final KeyValue kv;
  private final ScheduledExecutorService timer;

  /** Local connections by user. */
  private final Map<String, Set<String>> local = new ConcurrentHashMap<>();

  /** Mirror of the bucket: users by node, and when each node was last seen alive (local ms). */
  private final Map<String, Set<String>> usersByNode = new HashMap<>();

  private final Map<String, Long> nodeSeenAt = new HashMap<>();
  private volatile Consumer<String> onUserLost = u -> {};
  private volatile Runnable onNodeLost = () -> {};

  /**
   * Creates the bucket {@code messenger_presence} if needed, starts watching it and heart-beating.
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
   * @throws IOException if NATS or JetStream is unreachable
   */
  public NatsPresenceRegistry(
      NatsConnection connection, String nodeId, Duration heartbeat, String bucket)
      throws IOException {
    this.nodeId = nodeId;
    this.heartbeat = heartbeat;
    try {
      KeyValueManagement kvm = connection.nats().keyValueManagement();
      if (!kvm.getBucketNames().contains(bucket)) {
        try {
          kvm.create(
              KeyValueConfiguration.builder()
                  .name(bucket)
                  .ttl(heartbeat.multipliedBy(3))
                  .storageType(StorageType.Memory)
                  .build());
        } catch (JetStreamApiException e) {
          LOG.debug("bucket created concurrently", e);
        }
      }
      this.kv = connection.nats().keyValue(bucket);
      kv.watchAll(new Mirror());
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
    beat();
    long ms = heartbeat.toMillis();
    timer.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    connection.onReconnect(() -> timer.execute(this::beat));
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

  @Override
  public boolean connect(String userId, String connectionId) {
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
    boolean elsewhere = onlineElsewhere(userId);
    put(userKey(userId, nodeId));
    return !elsewhere;
  }

  @Override
  public boolean disconnect(String userId, String connectionId) {
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
    try {
      kv.delete(userKey(userId, nodeId));
    } catch (IOException | JetStreamApiException e) {
      LOG.warn("cannot remove presence key of {}", userId, e);
    }
    return !onlineElsewhere(userId);
  }

  @Override
  public boolean isOnline(String userId) {
    return local.containsKey(userId) || onlineElsewhere(userId);
  }

  private synchronized boolean onlineElsewhere(String userId) {
    for (var e : usersByNode.entrySet()) {
      if (!e.getKey().equals(nodeId) && e.getValue().contains(userId)) {
        return true;
      }
    }
    return false;
  }

  private void beat() {
    try {
      kv.put(
          "n." + nodeId,
          Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
      for (String userId : local.keySet()) {
        put(userKey(userId, nodeId));
      }
      dropStaleKeys();
      reapDeadNodes();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      LOG.warn("presence heartbeat failed", e);
    }
  }

  /**
   * Deletes this node's user keys that the bucket still holds for users with no connection here: a
   * beat's put that raced the delete of the user's last disconnect, or a delete that failed while
   * NATS was away. Without this the other nodes would see such a user online until this node dies,
   * since a key that expires by the bucket's TTL leaves no trace in their mirrors.
   */
  private void dropStaleKeys() throws IOException, JetStreamApiException {
    List<String> keyed;
    synchronized (this) {
      keyed = new ArrayList<>(usersByNode.getOrDefault(nodeId, Set.of()));
    }
    for (String userId : keyed) {
      if (!local.containsKey(userId)) {
        kv.delete(userKey(userId, nodeId));
      }
    }
  }

  private void reapDeadNodes() throws IOException, JetStreamApiException {
    long now = System.currentTimeMillis();
    long deadAfter = heartbeat.multipliedBy(3).toMillis();
    Map<String, Set<String>> dead = new HashMap<>();
    boolean leader;
    synchronized (this) {
      for (var e : new HashMap<>(nodeSeenAt).entrySet()) {
        if (!e.getKey().equals(nodeId) && now - e.getValue() > deadAfter) {
          nodeSeenAt.remove(e.getKey());
          Set<String> users = usersByNode.remove(e.getKey());
          dead.put(e.getKey(), users == null ? Set.of() : users);
        }
      }
      leader = nodeSeenAt.keySet().stream().allMatch(n -> n.compareTo(nodeId) >= 0);
    }
    if (!dead.isEmpty()) {
      onNodeLost.run();
    }
    for (var e : dead.entrySet()) {
      LOG.info("node {} is gone with {} users", e.getKey(), e.getValue().size());
      if (!leader) {
        continue;
      }
      for (String userId : e.getValue()) {
        kv.delete(userKey(userId, e.getKey()));
        if (!isOnline(userId)) {
          onUserLost.accept(userId);
        }
      }
      kv.delete("n." + e.getKey());
    }
  }

  private void put(String key) {
    try {
      kv.put(key, new byte[] {1});
    } catch (IOException | JetStreamApiException e) {
      LOG.warn("cannot write presence key {}", key, e);
    }
  }

  private static String userKey(String userId, String node) {
    return "u." + userId + "." + node;
  }

  /** Keeps {@link #usersByNode} and {@link #nodeSeenAt} in step with the bucket. */
  private final class Mirror implements KeyValueWatcher {
    @Override
    public void watch(KeyValueEntry entry) {
      String key = entry.getKey();
      boolean put = entry.getOperation() == KeyValueOperation.PUT;
      synchronized (NatsPresenceRegistry.this) {
        if (key.startsWith("n.")) {
          String node = key.substring(2);
          if (put) {
            nodeSeenAt.put(node, System.currentTimeMillis());
          }
        } else if (key.startsWith("u.")) {
          int dot = key.lastIndexOf('.');
          String user = key.substring(2, dot);
          String node = key.substring(dot + 1);
          if (put) {
            usersByNode.computeIfAbsent(node, n -> new HashSet<>()).add(user);
            nodeSeenAt.putIfAbsent(node, System.currentTimeMillis());
          } else {
            Set<String> users = usersByNode.get(node);
            if (users != null) {
              users.remove(user);
            }
          }
        }
      }
    }

    @Override
    public void endOfData() {}
  }

  /** Nodes this registry currently believes alive (for tests and logs). */
  public synchronized List<String> liveNodes() {
    return List.copyOf(nodeSeenAt.keySet());
  }

  @Override
  public void close() {
    timer.shutdownNow();
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
