package dev.messenger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback webhook receiver that checks what a real one checks: the {@code Messenger-Signature}
 * header (recomputed with the shared secret, timestamp within 5 minutes) and the event's shape. It
 * answers 500 to the first {@code failFirst} requests, 503 to all while {@link #down} is set, else
 * 204, and keeps every accepted event and any rejected signature. Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String secret;
  private final AtomicInteger failFirst;
  private final List<JsonNode> accepted = new ArrayList<>();
  private final List<String> badSignatures = new ArrayList<>();
  volatile boolean down;

  WebhookReceiver(String secret, int failFirst, int port) throws IOException {
    this.secret = secret;
    this.failFirst = new AtomicInteger(failFirst);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/hook",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String sig = ex.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          int status;
          if (!valid(sig, body)) {
            synchronized (this) {
              badSignatures.add(String.valueOf(sig));
            }
            status = 401;
          } else if (down || this.failFirst.getAndDecrement() > 0) {
            status = down ? 503 : 500;
          } else {
            synchronized (this) {
              accepted.add(JSON.readTree(body));
            }
            status = 204;
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  private boolean valid(String header, String body) {
    return valid(secret, header, body);
  }

  /**
   * True if {@code header} signs {@code body} with {@code secret}, made within 5 minutes: what a
   * receiver checks (docs/security.md, "Webhooks").
   */
  static boolean valid(String secret, String header, String body) {
    if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
      return false;
    }
    String t = header.substring(2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
    // Recomputed here with the JDK's Mac, independently of the server's helper.
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return age < 300
          && java.security.MessageDigest.isEqual(java.util.HexFormat.of().parseHex(v1), expected);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  int port() {
    return server.getAddress().getPort();
  }

  synchronized List<JsonNode> accepted() {
    return List.copyOf(accepted);
  }

  synchronized List<String> badSignatures() {
    return List.copyOf(badSignatures);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
