package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.ExternalSignIn;
import dev.messenger.server.auth.JwtVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JWT cases of issue 14 against a loopback JWKS server (PROTOCOL.md section 8): good RS256,
 * ES256 and HS256 tokens; a bad signature; expired and not yet valid (beyond and within the 60 s
 * skew); wrong issuer or audience; an unknown {@code kid} fetched again after a rotation; {@code
 * alg: none}; and HS256 "signed" with the RSA public key (algorithm confusion).
 */
class JwtVerifierTest {
  private static final byte[] SECRET =
      "an HS256 secret of at least 32 bytes, for tests".getBytes(StandardCharsets.UTF_8);

  private JwksServer idp;
  private JwtVerifier verifier;
  private RSAKey rsa;
  private ECKey ec;

  @BeforeEach
  void start() throws Exception {
    idp = new JwksServer();
    rsa = JwksServer.rsa("rsa-1");
    ec = JwksServer.ec("ec-1");
    idp.publish(rsa, ec);
    verifier =
        new JwtVerifier(
            new String(SECRET, StandardCharsets.UTF_8),
            idp.url(),
            JwksServer.ISSUER,
            JwksServer.AUDIENCE,
            Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  private void refused(String token) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            MessengerException.class, e -> assertThat(e.code().wire()).isEqualTo("unauthorized"));
  }

  @Test
  void goodTokens_ofEveryAlgorithm_giveTheirClaims() throws Exception {
    JWTClaimsSet c =
        JwksServer.claims("sub-1")
            .claim("preferred_username", "dora")
            .claim("name", "Dora")
            .build();
    for (String token :
        new String[] {
          JwksServer.sign(rsa, c), JwksServer.sign(ec, c), JwksServer.signHs(SECRET, c)
        }) {
      ExternalSignIn.Claims got = verifier.verify(token);
      assertThat(got)
          .isEqualTo(new ExternalSignIn.Claims(JwksServer.ISSUER, "sub-1", "dora", "Dora"));
    }
    // Both public keys came in one fetch and stay cached.
    assertThat(idp.fetches()).isEqualTo(1);
  }

  @Test
  void badSignature_isRefused() throws Exception {
    String good = JwksServer.sign(rsa, JwksServer.claims("s").build());
    String[] parts = good.split("\\.");
    byte[] sig = Base64URL.from(parts[2]).decode();
    sig[0] ^= 1;
    refused(parts[0] + "." + parts[1] + "." + Base64URL.encode(sig));
    // A key of the same kid that the JWKS does not hold.
    refused(JwksServer.sign(JwksServer.rsa("rsa-1"), JwksServer.claims("s").build()));
    refused(
        JwksServer.signHs(
            "another secret of at least 32 bytes!!".getBytes(), JwksServer.claims("s").build()));
  }

  @Test
  void expiredOrNotYetValid_beyondTheSkew_isRefused_withinIt_accepted() throws Exception {
    long now = System.currentTimeMillis();
    refused(
        JwksServer.sign(
            rsa, JwksServer.claims("s").expirationTime(new Date(now - 120_000)).build()));
    refused(
        JwksServer.sign(
            rsa, JwksServer.claims("s").notBeforeTime(new Date(now + 120_000)).build()));
    assertThat(
            verifier
                .verify(
                    JwksServer.sign(
                        rsa, JwksServer.claims("s").expirationTime(new Date(now - 20_000)).build()))
                .subject())
        .isEqualTo("s");
    assertThat(
            verifier
                .verify(
                    JwksServer.sign(
                        rsa, JwksServer.claims("s").notBeforeTime(new Date(now + 20_000)).build()))
                .subject())
        .isEqualTo("s");
    // No exp at all: refused (a token must expire).
    refused(JwksServer.sign(rsa, JwksServer.claims("s").expirationTime(null).build()));
  }

  @Test
  void wrongIssuerOrAudience_orNoSubject_isRefused() throws Exception {
    refused(JwksServer.sign(rsa, JwksServer.claims("s").issuer("https://evil.test").build()));
    refused(JwksServer.sign(rsa, JwksServer.claims("s").audience("another-app").build()));
    refused(JwksServer.sign(rsa, JwksServer.claims(null).build()));
  }

  @Test
  void unknownKid_fetchesTheJwksAgain_findingTheRotatedKey() throws Exception {
    assertThat(verifier.verify(JwksServer.sign(rsa, JwksServer.claims("s").build())).subject())
        .isEqualTo("s");
    assertThat(idp.fetches()).isEqualTo(1);
    RSAKey rotated = JwksServer.rsa("rsa-2");
    idp.publish(rotated, ec);
    Thread.sleep(300); // past the verifier's least interval between fetches
    assertThat(verifier.verify(JwksServer.sign(rotated, JwksServer.claims("s2").build())).subject())
        .isEqualTo("s2");
    assertThat(idp.fetches()).isEqualTo(2);
    // The retired key is gone with the refreshed set.
    refused(JwksServer.sign(rsa, JwksServer.claims("s").build()));
  }

  @Test
  void algNone_isRefused() {
    refused(new PlainJWT(JwksServer.claims("s").build()).serialize());
  }

  @Test
  void hs256SignedWithTheRsaPublicKey_isRefused() throws Exception {
    byte[] publicKeyBytes = rsa.toRSAPublicKey().getEncoded();
    String confused =
        JwksServer.signHs(publicKeyBytes, JwksServer.claims("s").build(), h -> h.keyID("rsa-1"));
    refused(confused);
    // Nor with the JWKS text of the key, another favourite of this attack.
    refused(
        JwksServer.signHs(
            rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
            JwksServer.claims("s").build(),
            h -> h.keyID("rsa-1")));
  }

  @Test
  void garbage_isRefused() {
    refused("not.a.jwt");
    refused("");
    refused("x".repeat(20_000));
  }
}
