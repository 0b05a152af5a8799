package dev.messenger.bench.nemesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The nemesis' users: each has two devices, each device a WebSocket to some node. Device 0 sends
 * into the user's conversations at a steady rate with idempotent retries: the same {@code clientId}
 * again, through whichever node answers, until {@code sent} (a send gives up after 90 s). Every
 * {@code sent} is recorded ({@link #acked}). Device 1 only listens. Each connection's live {@code
 * message} frames are checked for order as they arrive, through the socket's raw-frame hook: per
 * conversation increasing seqs, and consecutive ones on a device that sends nothing (PROTOCOL.md
 * "Order, no gaps"); breaches go to {@link #violations}. No frame is kept: the check holds only the
 * last seq per conversation of that connection (bounded by the user's conversations, fixed at
 * {@link #setUp}). Thread-safe.
 */
public final class NemesisClients {
  private final List<URI> nodes;
  private final List<User> users = new ArrayList<>();
  private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  final AtomicLong sends = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong gaveUp = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();

  /** Live {@code message} frames the order check saw, on every device. */
  final AtomicLong ordered = new AtomicLong();

  private volatile boolean running;

  /** One user: its two devices' tokens and current sockets, and its conversations. */
  static final class User {
    final String id;
    final String name;
    final String[] tokens = new String[2];
    final ChatSocket[] sockets = new ChatSocket[2];
    final int[] nodeIndex = new int[2];
    final List<String> conversations = new ArrayList<>();

    User(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  NemesisClients(List<URI> nodes) {
    this.nodes = nodes;
  }

  /** Registers {@code 2 x pairs} users in 1:1 pairs and {@code groups} groups of 5 of them. */
  void setUp(String prefix, int pairs, int groups) {
    MessengerClient anon = new MessengerClient(nodes.get(0));
    for (int i = 0; i < 2 * pairs; i++) {
      String name = prefix + i;
      String id = anon.register(name, "password-" + name, null).id();
      User u = new User(id, name);
      for (int d = 0; d < 2; d++) {
        LoginResult r = anon.login(name, "password-" + name, "device" + d);
        u.tokens[d] = r.token();
        u.nodeIndex[d] = (i + d) % nodes.size();
      }
      users.add(u);
    }
    for (int i = 0; i < pairs; i++) {
      User a = users.get(2 * i);
      User b = users.get(2 * i + 1);
      String cid = client(a, 0).openDirect(b.id).id();
      a.conversations.add(cid);
      b.conversations.add(cid);
    }
    Random random = new Random(7);
    for (int g = 0; g < groups; g++) {
      List<User> members = new ArrayList<>();
      while (members.size() < Math.min(5, users.size())) {
        User u = users.get(random.nextInt(users.size()));
        if (!members.contains(u)) {
          members.add(u);
        }
      }
      String gid =
          client(members.get(0), 0)
              .createGroup(
                  "g" + g, members.subList(1, members.size()).stream().map(u -> u.id).toList())
              .id();
      members.forEach(u -> u.conversations.add(gid));
    }
  }

  /** Starts one sender per user (device 0) and a keeper of the listening devices' sockets. */
  void start(double totalSendsPerSecond) {
    running = true;
    double perUser = totalSendsPerSecond / users.size();
    for (User u : users) {
      Thread t = new Thread(() -> sendLoop(u, perUser), "nemesis-" + u.name);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    Thread keeper =
        new Thread(
            () -> {
              while (running) {
                for (User u : users) {
                  socket(u, 1);
                }
                sleep(500);
              }
            },
            "nemesis-listeners");
    keeper.setDaemon(true);
    threads.add(keeper);
    keeper.start();
  }

  /** Stops sending (sends in flight finish or give up) and checks the open sockets' order. */
  void stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(100));
    }
    for (User u : users) {
      for (int d = 0; d < 2; d++) {
        retire(u, d);
      }
    }
  }

  List<User> users() {
    return users;
  }

  /** Acknowledged sends: conversation -> seq -> clientId. */
  Map<String, Map<Long, String>> acked() {
    return acked;
  }

  List<String> violations() {
    return violations;
  }

  long ackedCount() {
    return acked.values().stream().mapToLong(Map::size).sum();
  }

  MessengerClient client(User u, int device) {
    return new MessengerClient(nodes.get(u.nodeIndex[device])).withToken(u.tokens[device]);
  }

  private void sendLoop(User u, double perSecond) {
    Random random = new Random(u.name.hashCode());
    long k = 0;
    while (running) {
      sleep((long) (-Math.log(1 - random.nextDouble()) * 1000 / perSecond));
      if (!running || u.conversations.isEmpty()) {
        continue;
      }
      String cid = u.conversations.get(random.nextInt(u.conversations.size()));
      sendWithRetries(u, cid, u.name + "-" + ++k);
    }
  }

  private void sendWithRetries(User u, String cid, String clientId) {
    sends.incrementAndGet();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    boolean first = true;
    while (System.nanoTime() < deadline) {
      if (!first) {
        retries.incrementAndGet();
        sleep(200);
      }
      first = false;
      ChatSocket s = socket(u, 0);
      if (s == null) {
        continue;
      }
      try {
        JsonNode r = s.send(cid, clientId, "nemesis " + clientId).get(5, TimeUnit.SECONDS);
        if ("sent".equals(r.path("type").asText())) {
          record(cid, r.path("seq").asLong(), clientId);
          return;
        }
        String code = r.path("code").asText();
        if (!code.equals("unavailable") && !code.equals("rate_limited")) {
          violations.add("send " + clientId + " answered " + r);
          return;
        }
      } catch (TimeoutException e) {
        // A stopped or cut-off node: try another one.
        retire(u, 0);
        u.nodeIndex[0] = (u.nodeIndex[0] + 1) % nodes.size();
      } catch (Exception e) {
        retire(u, 0);
      }
    }
    gaveUp.incrementAndGet();
  }

  private void record(String cid, long seq, String clientId) {
    Map<Long, String> bySeq = acked.computeIfAbsent(cid, c -> new ConcurrentHashMap<>());
    String before = bySeq.putIfAbsent(seq, clientId);
    if (before != null && !before.equals(clientId)) {
      violations.add(cid + " seq " + seq + " acknowledged for " + before + " and " + clientId);
    }
  }

  /** The device's open socket, connecting (to the next node on failure) if needed; or null. */
  private ChatSocket socket(User u, int device) {
    synchronized (u.sockets) {
      ChatSocket s = u.sockets[device];
      if (s != null && s.isOpen()) {
        return s;
      }
      retire(u, device);
      try {
        reconnects.incrementAndGet();
        s = client(u, device).connect(null, new OrderCheck(u, device));
        u.sockets[device] = s;
        return s;
      } catch (RuntimeException e) {
        u.nodeIndex[device] = (u.nodeIndex[device] + 1) % nodes.size();
        return null;
      }
    }
  }

  /** Closes the device's socket (its order was checked frame by frame). */
  private void retire(User u, int device) {
    synchronized (u.sockets) {
      ChatSocket s = u.sockets[device];
      if (s == null) {
        return;
      }
      u.sockets[device] = null;
      s.close();
    }
  }

  /**
   * The order check of one connection: fed every raw frame on the socket's reading thread, it keeps
   * the last {@code message} seq per conversation (ConcurrentHashMap: the JDK may read on different
   * pool threads, one frame at a time).
   */
  private final class OrderCheck implements Consumer<JsonNode> {
    private final User u;
    private final int device;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    OrderCheck(User u, int device) {
      this.u = u;
      this.device = device;
    }

    @Override
    public void accept(JsonNode f) {
      if (!"message".equals(f.path("type").asText())) {
        return;
      }
      ordered.incrementAndGet();
      String cid = f.path("conversationId").asText();
      long seq = f.path("seq").asLong();
      Long prev = last.put(cid, seq);
      if (prev != null && (seq <= prev || (device == 1 && seq != prev + 1))) {
        violations.add(
            "device "
                + device
                + " of "
                + u.name
                + " got seq "
                + seq
                + " after "
                + prev
                + " in "
                + cid);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Math.max(0, ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
