package dev.messenger.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.ExternalSignIn;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies external sign-in tokens (PROTOCOL.md section 8) with Nimbus JOSE+JWT: HS256 with the
 * configured secret, RS256 and ES256 with keys from the JWKS URL (cached; an unknown {@code kid}
 * fetches the set again, at most once per {@code minRefreshInterval}). Each algorithm takes keys
 * from its own source only, so an HS256 token "signed" with a public RSA key never verifies, and
 * unsigned ({@code alg: none}) tokens are refused. {@code exp} is required; {@code exp}, {@code
 * nbf}, {@code iss} and {@code aud} are checked with {@link #CLOCK_SKEW} of skew. Thread-safe.
 * Tokens are never logged.
 */
public final class JwtVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);

  /** Clock skew allowed on {@code exp} and {@code nbf}. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** The longest token accepted, in characters. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param hsSecret the HS256 key's UTF-8 text, or empty: HS256 refused
   * @param jwksUrl the JWKS URL, or empty: RS256 and ES256 refused
   * @param issuer the required {@code iss}, or empty
   * @param audience the required {@code aud}, or empty
   * @param minRefreshInterval least time between two fetches of the JWKS
   * @throws IllegalArgumentException for a JWKS URL that is not a URL
   */
  public JwtVerifier(
      String hsSecret,
      String jwksUrl,
      String issuer,
      String audience,
      Duration minRefreshInterval) {
    JWSKeySelector<SecurityContext> hs =
        hsSecret.isEmpty()
            ? null
            : new JWSVerificationKeySelector<>(
                JWSAlgorithm.HS256,
                new ImmutableSecret<>(hsSecret.getBytes(StandardCharsets.UTF_8)));
    JWSKeySelector<SecurityContext> remote = null;
    if (!jwksUrl.isEmpty()) {
      JWKSource<SecurityContext> source;
      try {
        source =
            JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(minRefreshInterval.toMillis())
                .retrying(false)
                .build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("auth-jwt-jwks-url is not a URL", e);
      }
      remote =
          new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), source);
    }
    JWSKeySelector<SecurityContext> hsKeys = hs;
    JWSKeySelector<SecurityContext> remoteKeys = remote;
    processor.setJWSKeySelector(
        (header, ctx) -> {
          JWSAlgorithm alg = header.getAlgorithm();
          if (JWSAlgorithm.HS256.equals(alg) && hsKeys != null) {
            return hsKeys.selectJWSKeys(header, ctx);
          }
          if ((JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.ES256.equals(alg))
              && remoteKeys != null) {
            return remoteKeys.selectJWSKeys(header, ctx);
          }
          return List.<Key>of();
        });
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (!issuer.isEmpty()) {
      exact.issuer(issuer);
    }
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience.isEmpty() ? null : audience,
            exact.build(),
            new HashSet<>(List.of("iss", "sub", "exp")));
    claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The claims of a valid token.
   *
   * @throws MessengerException {@code unauthorized} for a token that does not verify (the reason is
   *     not told), {@code unavailable} when the JWKS cannot be fetched
   */
  public ExternalSignIn.Claims verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw unauthorized();
    }
    JWTClaimsSet set;
    try {
      set = processor.process(token, null);
    } catch (KeySourceException e) {
      LOG.warn("the JWKS could not be fetched: {}", e.getMessage());
      throw new MessengerException(ErrorCode.UNAVAILABLE, "the sign-in keys cannot be fetched");
    } catch (ParseException | BadJOSEException | JOSEException e) {
      LOG.debug("a sign-in token was refused: {}", e.getMessage());
      throw unauthorized();
    }
    try {
      return new ExternalSignIn.Claims(
          set.getIssuer(),
          set.getSubject(),
          set.getStringClaim("preferred_username"),
          set.getStringClaim("name"));
    } catch (ParseException e) {
      throw unauthorized();
    }
  }

  private static MessengerException unauthorized() {
    return new MessengerException(ErrorCode.UNAUTHORIZED, "the token is not valid");
  }
}
