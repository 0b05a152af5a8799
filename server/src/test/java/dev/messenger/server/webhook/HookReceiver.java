package dev.messenger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback before-send hook (PROTOCOL.md section 8) that checks the {@code Messenger-Signature}
 * header as a real one would (through {@link WebhookReceiver#valid}) and answers by the body's
 * markers: {@code [reject]} rejects with "no swearing", {@code [replace]} replaces the body with
 * "cleaned", {@code [toolong]} replaces it with 2,000 characters, {@code [garbage]} answers text
 * that is not JSON, {@code [slow:N]} waits N ms and allows; anything else is allowed at once. A bad
 * signature is answered 401 and kept. Thread-safe.
 */
final class HookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<String> badSignatures = new ArrayList<>();

  HookReceiver(String secret) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/before-send",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String sig = ex.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          if (!WebhookReceiver.valid(secret, sig, body)) {
            synchronized (this) {
              badSignatures.add(String.valueOf(sig));
            }
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
          }
          JsonNode request = JSON.readTree(body);
          synchronized (this) {
            requests.add(request);
          }
          String text = request.path("data").path("body").asText();
          String answer = "{\"action\":\"allow\"}";
          if (text.contains("[reject]")) {
            answer = "{\"action\":\"reject\",\"reason\":\"no swearing\"}";
          } else if (text.contains("[replace]")) {
            answer = "{\"action\":\"replace\",\"body\":\"cleaned\"}";
          } else if (text.contains("[toolong]")) {
            answer = "{\"action\":\"replace\",\"body\":\"" + "x".repeat(2_000) + "\"}";
          } else if (text.contains("[garbage]")) {
            answer = "this is not JSON";
          } else if (text.contains("[slow:")) {
            int from = text.indexOf("[slow:") + 6;
            sleep(Long.parseLong(text.substring(from, text.indexOf(']', from))));
          }
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.setExecutor(pool);
    server.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/before-send";
  }

  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  synchronized List<String> badSignatures() {
    return List.copyOf(badSignatures);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
