package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth 2.0 access tokens for the FCM HTTP v1 API, by the JWT-bearer grant (RFC 7523): an RS256
 * assertion signed with the service account's key (Nimbus JOSE+JWT; {@code iss} the client email,
 * {@code aud} the {@code token_uri}, {@code scope} firebase.messaging, valid {@value
 * #ASSERTION_MINUTES} min) is POSTed to the {@code token_uri}. The token is cached until {@value
 * #REFRESH_BEFORE_SECONDS} s before it expires; one refresh at a time is shared by every caller.
 * Thread-safe; never blocks (the exchange runs on the HttpClient).
 */
public final class FcmAccessTokens {
  /** The OAuth scope FCM sends need. */
  public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

  static final int ASSERTION_MINUTES = 60;
  static final int REFRESH_BEFORE_SECONDS = 300;
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Token(String value, long expiresAtMillis) {}

  private final FcmCredentials credentials;
  private final HttpClient http;
  private final Clock clock;
  private Token cached;
  private CompletableFuture<String> refreshing;

  public FcmAccessTokens(FcmCredentials credentials, HttpClient http, Clock clock) {
    this.credentials = credentials;
    this.http = http;
    this.clock = clock;
  }

  /**
   * A valid access token: the cached one, or a new one. Fails (IllegalStateException) when the
   * token endpoint refuses or cannot be reached; the next call tries again.
   */
  public synchronized CompletableFuture<String> get() {
    long now = clock.millis();
    if (cached != null && now < cached.expiresAtMillis() - REFRESH_BEFORE_SECONDS * 1000L) {
      return CompletableFuture.completedFuture(cached.value());
    }
    CompletableFuture<String> f = refreshing;
    if (f == null) {
      f = fetch(now);
      refreshing = f;
      f.whenComplete((v, e) -> done());
    }
    return f;
  }

  /** Forgets the cached token (FCM answered 401: it may have been revoked). */
  public synchronized void invalidate() {
    cached = null;
  }

  private synchronized void done() {
    refreshing = null;
  }

  private synchronized void store(Token t) {
    cached = t;
  }

  private CompletableFuture<String> fetch(long now) {
    String assertion;
    try {
      assertion = assertion(now);
    } catch (JOSEException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("cannot sign", e));
    }
    String form =
        "grant_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&assertion="
            + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(credentials.tokenUri())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            res -> {
              if (res.statusCode() != 200) {
                throw new IllegalStateException(
                    "OAuth token endpoint answered HTTP " + res.statusCode());
              }
              try {
                JsonNode body = JSON.readTree(res.body());
                String token = body.path("access_token").asText("");
                long expiresIn = body.path("expires_in").asLong(3600);
                if (token.isEmpty()) {
                  throw new IllegalStateException("OAuth token endpoint gave no access_token");
                }
                store(new Token(token, now + expiresIn * 1000));
                return token;
              } catch (java.io.IOException e) {
                throw new IllegalStateException("OAuth token endpoint answered no JSON");
              }
            });
  }

  /** The signed RFC 7523 assertion. */
  String assertion(long nowMillis) throws JOSEException {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(credentials.clientEmail())
            .audience(credentials.tokenUri().toString())
            .claim("scope", SCOPE)
            .issueTime(new Date(nowMillis))
            .expirationTime(new Date(nowMillis + ASSERTION_MINUTES * 60_000L))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(credentials.privateKey()));
    return jwt.serialize();
  }
}
