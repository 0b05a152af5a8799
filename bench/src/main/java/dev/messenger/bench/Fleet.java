package dev.messenger.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many {@link Conn}s spread over a fixed set of event-loop contexts (connection {@code i} on
 * context {@code i % contexts}), the ledger of the current measurement, a keep-alive ping every
 * {@link #PING_INTERVAL_MILLIS} and a paced sender ({@link #drive}). Thread-safe.
 */
final class Fleet implements AutoCloseable {
  /** Interval of keep-alive pings, in ms (the server closes connections silent for 60 s). */
  static final long PING_INTERVAL_MILLIS = 20_000;

  /** Interval of the pacing timer of {@link #drive}, in ms. */
  static final long TICK_MILLIS = 2;

  private final String host;
  private final int port;
  private final WebSocketClient client;
  private final List<Context> contexts = new ArrayList<>();
  private final List<Conn> conns = new ArrayList<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder unexpectedCloses = new LongAdder();
  private final Map<String, Long> firstSeqs = new ConcurrentHashMap<>();
  private final List<Long> pingTimers = new ArrayList<>();
  private volatile Ledger ledger = new Ledger();

  /**
   * @param contextCount event-loop contexts to spread connections over (the Vert.x event-loop pool
   *     size is a good choice)
   */
  Fleet(Vertx vertx, String host, int port, int contextCount) {
    this.host = host;
    this.port = port;
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setConnectTimeout(30_000)
                .setTcpNoDelay(true));
    for (int i = 0; i < contextCount; i++) {
      Context c = ((VertxInternal) vertx).createEventLoopContext();
      contexts.add(c);
      Promise<Long> timer = Promise.promise();
      c.runOnContext(
          v ->
              timer.complete(
                  vertx.setPeriodic(PING_INTERVAL_MILLIS, t -> myConns(c).forEach(Conn::ping))));
      pingTimers.add(timer.future().await());
    }
  }

  /**
   * Opens one connection per account, at most {@code maxInFlight} upgrades at once. Completes when
   * every connection got {@code ready}, or fails with the first failure.
   */
  Future<List<Conn>> connect(List<Account> accounts, int maxInFlight) {
    int base = conns.size();
    List<Conn> fresh = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      int index = base + i;
      fresh.add(new Conn(index, accounts.get(i), contexts.get(index % contexts.size()), this));
    }
    synchronized (conns) {
      conns.addAll(fresh);
    }
    return Bounded.run(fresh.size(), maxInFlight, i -> connect(fresh.get(i)));
  }

  /** Opens one connection on its context. */
  Future<Conn> connect(Conn c) {
    Promise<Conn> p = Promise.promise();
    c.context.runOnContext(v -> c.open(client, host, port).onComplete(p));
    return p.future();
  }

  /**
   * Makes a new connection object (not yet open) on the next context, for {@link #connect(Conn)}.
   */
  Conn add(Account account) {
    synchronized (conns) {
      Conn c = new Conn(conns.size(), account, contexts.get(conns.size() % contexts.size()), this);
      conns.add(c);
      return c;
    }
  }

  List<Conn> conns() {
    synchronized (conns) {
      return List.copyOf(conns);
    }
  }

  private List<Conn> myConns(Context c) {
    List<Conn> mine = new ArrayList<>();
    for (Conn conn : conns()) {
      if (conn.context == c) {
        mine.add(conn);
      }
    }
    return mine;
  }

  /** The ledger of the current measurement. */
  Ledger ledger() {
    return ledger;
  }

  /** Starts a new measurement: frames from now on go to a fresh ledger, which is returned. */
  Ledger newLedger() {
    ledger = new Ledger();
    return ledger;
  }

  void noteError(String code) {
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  /** Remembers the first seq a user's connection got of a conversation (loss diagnosis). */
  void noteFirstSeq(String conversationId, String userId, long seq) {
    firstSeqs.putIfAbsent(conversationId + " " + userId, seq);
  }

  /** First seqs received per {@code "conversationId userId"} of the conversation's receivers. */
  List<String> firstSeqsOf(String conversationId) {
    List<String> out = new ArrayList<>();
    firstSeqs.forEach(
        (k, v) -> {
          if (k.startsWith(conversationId + " ")) {
            out.add(k.substring(conversationId.length() + 1) + " first seq " + v);
          }
        });
    return out;
  }

  void noteUnexpectedClose() {
    unexpectedCloses.increment();
  }

  /** {@code error} frames received so far, by code. */
  Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Connections the server closed (or that broke) without the bench asking. */
  long unexpectedCloses() {
    return unexpectedCloses.sum();
  }

  /**
   * Sends {@code ratePerSecond} messages per second in total for {@code durationSeconds}, round
   * robin over the connections that have a target, each context pacing its own share on a {@value
   * #TICK_MILLIS} ms timer (a late tick catches up in a burst, so the offered load stays right).
   * Completes when the last message of the schedule was written.
   */
  Future<Void> drive(double ratePerSecond, double durationSeconds) {
    return drive(ratePerSecond, durationSeconds, Conn::send);
  }

  /**
   * {@link #drive(double, double)} with another operation than {@link Conn#send}: {@code op} runs
   * on the connection's context at each of its due times.
   */
  Future<Void> drive(
      double ratePerSecond, double durationSeconds, java.util.function.Consumer<Conn> op) {
    List<Conn> senders = conns().stream().filter(Conn::hasTarget).toList();
    if (senders.isEmpty() || ratePerSecond <= 0) {
      return Future.succeededFuture();
    }
    List<Future<Void>> parts = new ArrayList<>();
    for (Context c : contexts) {
      List<Conn> mine = senders.stream().filter(s -> s.context == c).toList();
      if (!mine.isEmpty()) {
        double share = ratePerSecond * mine.size() / senders.size();
        parts.add(drive(c, mine, share, durationSeconds, op));
      }
    }
    return Future.all(parts).mapEmpty();
  }

  private Future<Void> drive(
      Context c,
      List<Conn> mine,
      double rate,
      double durationSeconds,
      java.util.function.Consumer<Conn> op) {
    Promise<Void> done = Promise.promise();
    long total = Math.round(rate * durationSeconds);
    c.runOnContext(
        v -> {
          long start = System.nanoTime();
          long[] sent = {0};
          int[] next = {0};
          c.owner()
              .setPeriodic(
                  TICK_MILLIS,
                  t -> {
                    double elapsedSeconds = (System.nanoTime() - start) / 1e9;
                    long due = Math.min(total, (long) (rate * elapsedSeconds));
                    while (sent[0] < due) {
                      Conn s = mine.get(next[0]);
                      next[0] = (next[0] + 1) % mine.size();
                      if (s.isOpen()) {
                        op.accept(s);
                      }
                      sent[0]++;
                    }
                    if (elapsedSeconds >= durationSeconds) {
                      c.owner().cancelTimer(t);
                      done.complete();
                    }
                  });
        });
    return done.future();
  }

  /** Closes every connection (1000) and waits for the close frames, at most 10 s. */
  Future<Void> closeAll() {
    List<Future<Void>> closes = new ArrayList<>();
    for (Conn c : conns()) {
      Promise<Void> p = Promise.promise();
      c.context.runOnContext(v -> c.close().onComplete(ar -> p.complete()));
      closes.add(p.future());
    }
    return Future.all(closes).mapEmpty();
  }

  @Override
  public void close() {
    for (int i = 0; i < contexts.size(); i++) {
      long id = pingTimers.get(i);
      contexts.get(i).owner().cancelTimer(id);
    }
    try {
      closeAll().await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: the process exits next.
    }
    client.close();
  }
}
