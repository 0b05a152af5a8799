package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * APNs on loopback: HTTP/2 over TLS (Vert.x, a certificate made by {@code keytool} for 127.0.0.1)
 * checking what Apple checks: HTTP/2, {@code POST /3/device/{token}}, a provider token (ES256 JWT,
 * {@code kid} the key id, {@code iss} the team id, signature by the test's P-256 key pair), {@code
 * apns-topic}. Answers 200; 410 {@code Unregistered} for tokens marked gone; 400 {@code
 * BadDeviceToken} for tokens it does not know.
 */
final class FakeApns implements AutoCloseable {
  static final String KEY_ID = "ABC123DEFG";
  static final String TEAM_ID = "TEAM123456";
  static final String TOPIC = "dev.messenger.app";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One push Apple accepted or refused: device token, headers (lower-case), payload, status. */
  record Push(String token, Map<String, String> headers, JsonNode payload, int status) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final KeyPair signing;
  private final Path dir;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final List<Push> pushes = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  FakeApns() throws Exception {
    dir = Files.createTempDirectory("fake-apns");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    signing = g.generateKeyPair();
    Files.writeString(
        p8(),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(signing.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Path p12 = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "apns",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        p12.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "apns",
        "-keystore",
        p12.toString(),
        "-storepass",
        "changeit",
        "-file",
        caPem().toString());
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSsl(true)
                    .setUseAlpn(true)
                    .setKeyCertOptions(
                        new PfxOptions().setPath(p12.toString()).setPassword("changeit")))
            .requestHandler(this::handle)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  private void keytool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  /** The token-auth key file ({@code .p8}). */
  Path p8() {
    return dir.resolve("AuthKey_" + KEY_ID + ".p8");
  }

  /** The server certificate, PEM, for {@code apns-ca-file}. */
  Path caPem() {
    return dir.resolve("ca.pem");
  }

  String endpoint() {
    return "https://127.0.0.1:" + server.actualPort();
  }

  /** A new device token this fake knows. */
  String newToken() {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    known.add(s.toString());
    return s.toString();
  }

  /** Later pushes to the token answer 410 Unregistered. */
  void unregister(String token) {
    gone.add(token);
  }

  List<Push> pushesTo(String token) {
    return pushes.stream().filter(p -> p.token().equals(token)).toList();
  }

  List<String> problems() {
    return problems;
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              Map<String, String> headers = new ConcurrentHashMap<>();
              req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
              String token = req.path().replaceFirst("^/3/device/", "");
              int status;
              String reason = null;
              String problem = check(req, headers);
              if (problem != null) {
                problems.add(problem);
                status = 403;
                reason = "InvalidProviderToken";
              } else if (gone.contains(token)) {
                status = 410;
                reason = "Unregistered";
              } else if (!known.contains(token)) {
                status = 400;
                reason = "BadDeviceToken";
              } else {
                status = 200;
              }
              JsonNode payload;
              try {
                payload = JSON.readTree(body.getBytes());
              } catch (Exception e) {
                payload = null;
                problems.add("payload is not JSON");
              }
              pushes.add(new Push(token, headers, payload, status));
              var res =
                  req.response()
                      .setStatusCode(status)
                      .putHeader("apns-id", java.util.UUID.randomUUID().toString());
              if (reason == null) {
                res.end();
              } else {
                res.putHeader("content-type", "application/json")
                    .end(
                        "{\"reason\":\""
                            + reason
                            + "\""
                            + (status == 410 ? ",\"timestamp\":" + System.currentTimeMillis() : "")
                            + "}");
              }
            });
  }

  /** Why Apple would refuse the request, or null. */
  private String check(HttpServerRequest req, Map<String, String> headers) {
    if (req.version() != HttpVersion.HTTP_2) {
      return "not HTTP/2: " + req.version();
    }
    if (!req.method().name().equals("POST") || !req.path().startsWith("/3/device/")) {
      return "bad request line " + req.method() + " " + req.path();
    }
    if (!TOPIC.equals(headers.get("apns-topic"))) {
      return "apns-topic " + headers.get("apns-topic");
    }
    String auth = headers.getOrDefault("authorization", "");
    if (!auth.startsWith("bearer ")) {
      return "no provider token";
    }
    try {
      SignedJWT jwt = SignedJWT.parse(auth.substring(7));
      if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
          || !KEY_ID.equals(jwt.getHeader().getKeyID())
          || !TEAM_ID.equals(jwt.getJWTClaimsSet().getIssuer())
          || jwt.getJWTClaimsSet().getIssueTime() == null
          || !jwt.verify(new ECDSAVerifier((ECPublicKey) signing.getPublic()))) {
        return "provider token not signed by the team's key: " + jwt.getHeader();
      }
    } catch (Exception e) {
      return "provider token unreadable: " + e.getMessage();
    }
    return null;
  }

  @Override
  public void close() {
    vertx.close();
  }
}
