package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint and the FCM HTTP v1 send endpoint on loopback, checking what they
 * check: the token endpoint verifies the RFC 7523 assertion (RS256 signature with the service
 * account's public key, {@code iss}, {@code aud}, {@code scope}, {@code exp}) and issues access
 * tokens; the send endpoint accepts only those tokens, only for its project, and answers 200, or
 * 404 {@code UNREGISTERED} for tokens marked {@link #unregister}.
 */
final class FakeFcm implements AutoCloseable {
  static final String PROJECT = "test-project";
  static final String CLIENT_EMAIL = "messenger@test-project.iam.gserviceaccount.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One accepted or refused send: the FCM token and the {@code data} map. */
  record Send(String token, Map<String, String> data, JsonNode message) {}

  private final HttpServer server;
  private final KeyPair keys;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
  private final List<Send> sends = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  final AtomicInteger tokenRequests = new AtomicInteger();

  /** The fake's "now" for checking assertion times, in ms; a test with a fake clock sets it. */
  volatile java.util.function.LongSupplier now = System::currentTimeMillis;

  FakeFcm() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/token", this::token);
    server.createContext("/v1/", this::send);
    server.start();
  }

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The service-account JSON the Firebase console would hand out, for this fake. */
  String serviceAccountJson() throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> sa = new HashMap<>();
    sa.put("type", "service_account");
    sa.put("project_id", PROJECT);
    sa.put("private_key_id", "k1");
    sa.put("private_key", pem);
    sa.put("client_email", CLIENT_EMAIL);
    sa.put("token_uri", origin() + "/token");
    return JSON.writeValueAsString(sa);
  }

  /** Later sends to {@code token} answer 404 UNREGISTERED. */
  void unregister(String token) {
    unregistered.add(token);
  }

  List<Send> sendsTo(String token) {
    return sends.stream().filter(s -> s.token().equals(token)).toList();
  }

  /** Requests this fake refused as the real service would (bad signature, unknown token...). */
  List<String> problems() {
    return problems;
  }

  private void token(HttpExchange ex) throws IOException {
    tokenRequests.incrementAndGet();
    Map<String, String> form = new HashMap<>();
    for (String kv :
        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      String[] p = kv.split("=", 2);
      form.put(
          URLDecoder.decode(p[0], StandardCharsets.UTF_8),
          p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
    }
    try {
      if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
        throw new IllegalArgumentException("grant_type " + form.get("grant_type"));
      }
      SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
      if (!jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.RS256)
          || !jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))) {
        throw new IllegalArgumentException("bad signature");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      long now = this.now.getAsLong();
      if (!CLIENT_EMAIL.equals(c.getIssuer())
          || !c.getAudience().contains(origin() + "/token")
          || !FcmAccessTokens.SCOPE.equals(c.getStringClaim("scope"))
          || c.getExpirationTime().getTime() < now
          || c.getIssueTime().getTime() > now + 60_000) {
        throw new IllegalArgumentException("bad claims " + c);
      }
    } catch (Exception e) {
      problems.add("token: " + e.getMessage());
      answer(ex, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    String token = "ya29.test-" + tokenRequests.get();
    issued.add(token);
    answer(
        ex,
        200,
        "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  private void send(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
      problems.add("send: bad Authorization " + auth);
      answer(ex, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
      return;
    }
    if (!ex.getRequestURI().getPath().equals("/v1/projects/" + PROJECT + "/messages:send")) {
      problems.add("send: path " + ex.getRequestURI());
      answer(ex, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
      return;
    }
    JsonNode message = JSON.readTree(ex.getRequestBody().readAllBytes()).path("message");
    Map<String, String> data = new HashMap<>();
    boolean strings = true;
    for (var it = message.path("data").fields(); it.hasNext(); ) {
      var e = it.next();
      strings &= e.getValue().isTextual();
      data.put(e.getKey(), e.getValue().asText());
    }
    String token = message.path("token").asText();
    if (!strings || token.isEmpty()) {
      problems.add("send: data values must be strings and token given: " + message);
      answer(ex, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
      return;
    }
    sends.add(new Send(token, data, message));
    if (unregistered.contains(token)) {
      answer(
          ex,
          404,
          "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
              + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
              + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
              + "\"errorCode\":\"UNREGISTERED\"}]}}");
      return;
    }
    answer(ex, 200, "{\"name\":\"projects/" + PROJECT + "/messages/0:1\"}");
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
