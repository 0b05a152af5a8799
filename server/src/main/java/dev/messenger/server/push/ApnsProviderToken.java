package dev.messenger.server.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Date;

/**
 * The APNs provider token (PROTOCOL.md section 9): an ES256 JWT with {@code kid} = the key id and
 * claims {@code iss} = the team id and {@code iat}, signed with the {@code .p8} key by Nimbus
 * JOSE+JWT. Apple refuses tokens older than an hour and throttles renewing more often than every 20
 * minutes, so one token is used for {@value #RENEW_MINUTES} minutes. Thread-safe.
 */
final class ApnsProviderToken {
  static final int RENEW_MINUTES = 50;

  private final ECPrivateKey key;
  private final String keyId;
  private final String teamId;
  private final Clock clock;
  private String token;
  private long madeAt;

  ApnsProviderToken(ECPrivateKey key, String keyId, String teamId, Clock clock) {
    this.key = key;
    this.keyId = keyId;
    this.teamId = teamId;
    this.clock = clock;
  }

  /** The current token, made anew when older than {@value #RENEW_MINUTES} minutes. */
  synchronized String get() {
    long now = clock.millis();
    if (token == null || now - madeAt >= RENEW_MINUTES * 60_000L) {
      try {
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
                new JWTClaimsSet.Builder().issuer(teamId).issueTime(new Date(now)).build());
        jwt.sign(new ECDSASigner(key));
        token = jwt.serialize();
        madeAt = now;
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot sign the APNs provider token", e);
      }
    }
    return token;
  }

  /** Apple said the token expired: the next {@link #get} makes a new one. */
  synchronized void renew() {
    token = null;
  }
}
