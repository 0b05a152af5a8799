package dev.messenger.server.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback identity provider for the JWT tests: serves a JWKS at {@code /jwks.json} (the public
 * halves of the keys it was told to publish; what it publishes can change, as a key rotation does)
 * and signs tokens with RS256, ES256 or HS256, counting the JWKS fetches. Thread-safe.
 */
final class JwksServer implements AutoCloseable {
  static final String ISSUER = "https://id.example.test";
  static final String AUDIENCE = "messenger-tests";

  private final HttpServer server;
  private final List<JWK> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();

  JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        ex -> {
          fetches.incrementAndGet();
          byte[] body =
              new JWKSet(new ArrayList<>(published))
                  .toString(true)
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
  }

  int fetches() {
    return fetches.get();
  }

  static RSAKey rsa(String kid) throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  static ECKey ec(String kid) throws JOSEException {
    return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
  }

  /** Publishes exactly these keys (their public halves) from now on. */
  void publish(JWK... keys) {
    published.clear();
    for (JWK k : keys) {
      published.add(k.toPublicJWK());
    }
  }

  /** Standard claims: our issuer and audience, {@code sub}, valid from a minute ago for an hour. */
  static JWTClaimsSet.Builder claims(String sub) {
    long now = System.currentTimeMillis();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(sub)
        .issueTime(new Date(now - 60_000))
        .notBeforeTime(new Date(now - 60_000))
        .expirationTime(new Date(now + 3_600_000));
  }

  static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
    JWSSigner signer;
    JWSAlgorithm alg;
    if (key instanceof RSAKey r) {
      signer = new RSASSASigner(r);
      alg = JWSAlgorithm.RS256;
    } else {
      signer = new ECDSASigner((ECKey) key);
      alg = JWSAlgorithm.ES256;
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String signHs(byte[] secret, JWTClaimsSet claims) throws JOSEException {
    return signHs(secret, claims, h -> {});
  }

  static String signHs(byte[] secret, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header)
      throws JOSEException {
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
    header.accept(h);
    SignedJWT jwt = new SignedJWT(h.build(), claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
