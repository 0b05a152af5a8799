package dev.messenger.cluster;

import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * This node's copy of the presence bucket: which users have connections on which nodes, when each
 * node last heart-beat (local ms), and which nodes were found dead and still have users to reap.
 * Also answers which live node reaps which of a dead node's users: the rendezvous (highest random
 * weight) hash of the user over the live nodes, so that the reaping is spread over the survivors
 * and each user is reaped by exactly one of them once their views of the live nodes agree.
 *
 * <p>Thread-safe: every method synchronizes on the mirror; {@code onRoute} is called outside the
 * lock, on the watcher's thread.
 */
final class PresenceMirror {
  private final String self;
  private final Map<String, Set<String>> nodesByUser = new HashMap<>();
  private final Map<String, Set<String>> usersByNode = new HashMap<>();
  private final Map<String, Long> nodeSeenAt = new HashMap<>();
  private final Set<String> dead = new HashSet<>();
  private volatile BiConsumer<String, String> onRoute = (u, n) -> {};

  PresenceMirror(String self) {
    this.self = self;
  }

  /** Called with (user, node) when a user's connection on another node appears. */
  void onRoute(BiConsumer<String, String> listener) {
    this.onRoute = listener;
  }

  /** A heartbeat of {@code node} was seen (or this node's own, when it writes one). */
  synchronized void beat(String node, long now) {
    nodeSeenAt.put(node, now);
    dead.remove(node);
  }

  /** The heartbeat key of {@code node} was deleted (it closed, or a survivor reaped it). */
  synchronized void nodeGone(String node) {
    if (!node.equals(self)) {
      nodeSeenAt.remove(node);
      if (usersByNode.containsKey(node)) {
        dead.add(node);
      }
    }
  }

  /** The key {@code u.<user>.<node>} was put. */
  void put(String user, String node, long now) {
    boolean added;
    synchronized (this) {
      added = usersByNode.computeIfAbsent(node, n -> new HashSet<>()).add(user);
      nodesByUser.computeIfAbsent(user, u -> new HashSet<>(2)).add(node);
      if (!dead.contains(node)) {
        nodeSeenAt.putIfAbsent(node, now);
      }
    }
    if (added && !node.equals(self)) {
      onRoute.accept(user, node);
    }
  }

  /** The key {@code u.<user>.<node>} was deleted. */
  synchronized void remove(String user, String node) {
    Set<String> users = usersByNode.get(node);
    if (users != null) {
      users.remove(user);
      if (users.isEmpty()) {
        usersByNode.remove(node);
      }
    }
    Set<String> nodes = nodesByUser.get(user);
    if (nodes != null) {
      nodes.remove(node);
      if (nodes.isEmpty()) {
        nodesByUser.remove(user);
      }
    }
  }

  /** True if the user has connections on a live node other than this one. */
  synchronized boolean onlineElsewhere(String user) {
    Set<String> nodes = nodesByUser.get(user);
    if (nodes == null) {
      return false;
    }
    for (String n : nodes) {
      if (!n.equals(self) && !dead.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The nodes (this one included) whose keys say the user has connections there, dead ones too
   * until their keys are reaped: a node wrongly taken for dead (stopped, or its heartbeats late)
   * keeps getting its users' doorbells, and a doorbell to a node that is really gone costs nothing.
   */
  synchronized List<String> nodesOf(String user) {
    Set<String> nodes = nodesByUser.get(user);
    return nodes == null ? List.of() : List.copyOf(nodes);
  }

  /** Users the bucket holds for {@code node}. */
  synchronized Set<String> usersOf(String node) {
    return new HashSet<>(usersByNode.getOrDefault(node, Set.of()));
  }

  /** Moves nodes whose last heartbeat is older than {@code deadAfterMillis} to the dead set. */
  synchronized List<String> findDead(long now, long deadAfterMillis) {
    List<String> found = new ArrayList<>();
    for (var e : new HashMap<>(nodeSeenAt).entrySet()) {
      if (!e.getKey().equals(self) && now - e.getValue() > deadAfterMillis) {
        nodeSeenAt.remove(e.getKey());
        dead.add(e.getKey());
        found.add(e.getKey());
      }
    }
    return found;
  }

  /**
   * The dead nodes' users that this node reaps (rendezvous hash over the live nodes), by dead node.
   * A dead node with no user left is answered with an empty set if this node deletes its key.
   */
  synchronized Map<String, Set<String>> toReap() {
    Map<String, Set<String>> mine = new HashMap<>();
    List<String> live = new ArrayList<>(nodeSeenAt.keySet());
    if (!live.contains(self)) {
      live.add(self);
    }
    for (String d : new ArrayList<>(dead)) {
      Set<String> users = usersByNode.get(d);
      if (users == null || users.isEmpty()) {
        dead.remove(d);
        if (self.equals(owner("n." + d, live))) {
          mine.put(d, Set.of());
        }
        continue;
      }
      for (String u : users) {
        if (self.equals(owner(u, live))) {
          mine.computeIfAbsent(d, k -> new HashSet<>()).add(u);
        }
      }
    }
    return mine;
  }

  /**
   * A watcher of the bucket that keeps this mirror in step: {@code n.<node>} puts are heartbeats,
   * deletes mean the node left; {@code u.<user>.<node>} puts and deletes are connections. {@code
   * loaded} runs once the bucket's current content has been read.
   */
  KeyValueWatcher watcher(Runnable loaded) {
    return new KeyValueWatcher() {
      @Override
      public void watch(KeyValueEntry entry) {
        String key = entry.getKey();
        boolean put = entry.getOperation() == KeyValueOperation.PUT;
        long now = System.currentTimeMillis();
        if (key.startsWith("n.")) {
          if (put) {
            beat(key.substring(2), now);
          } else {
            nodeGone(key.substring(2));
          }
        } else if (key.startsWith("u.")) {
          int dot = key.lastIndexOf('.');
          String user = key.substring(2, dot);
          String node = key.substring(dot + 1);
          if (put) {
            put(user, node, now);
          } else {
            remove(user, node);
          }
        }
      }

      @Override
      public void endOfData() {
        loaded.run();
      }
    };
  }

  /** The nodes seen alive (for tests and logs). */
  synchronized List<String> liveNodes() {
    return List.copyOf(nodeSeenAt.keySet());
  }

  /** The live node with the highest hash of (key, node): every node computes the same one. */
  static String owner(String key, List<String> live) {
    String best = null;
    long bestWeight = Long.MIN_VALUE;
    for (String n : live) {
      long w = mix(hash(key) * 31 + hash(n));
      if (best == null || w > bestWeight || (w == bestWeight && n.compareTo(best) < 0)) {
        best = n;
        bestWeight = w;
      }
    }
    return best;
  }

  private static long hash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }

  /** SplitMix64's finalizer: spreads nearby inputs over the whole range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
