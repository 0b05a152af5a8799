package dev.messenger.server.push;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A Web Push service on loopback (JDK HttpServer on 127.0.0.1:0): records every request and answers
 * 201, or the statuses queued for a path with {@link #answer}.
 */
final class FakePushService implements AutoCloseable {
  /** One received push: the path, the headers (lower-case names) and the body. */
  record Received(String path, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Integer>> answers = new ConcurrentHashMap<>();

  FakePushService() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/",
        ex -> {
          Map<String, String> headers = new ConcurrentHashMap<>();
          ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          byte[] body = ex.getRequestBody().readAllBytes();
          String path = ex.getRequestURI().getPath();
          received.add(new Received(path, headers, body));
          var queue = answers.get(path);
          Integer status = queue == null ? null : queue.poll();
          ex.sendResponseHeaders(status == null ? 201 : status, -1);
          ex.close();
        });
    server.start();
  }

  /** The origin, e.g. {@code http://127.0.0.1:40000}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A fresh endpoint URL on this service. */
  String endpoint(String name) {
    return origin() + "/push/" + name;
  }

  /** The next requests to {@code endpoint} are answered with these statuses, in order. */
  void answer(String endpoint, Integer... statuses) {
    String path = java.net.URI.create(endpoint).getPath();
    answers.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
  }

  /** The pushes received at {@code endpoint} so far. */
  List<Received> at(String endpoint) {
    String path = java.net.URI.create(endpoint).getPath();
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
