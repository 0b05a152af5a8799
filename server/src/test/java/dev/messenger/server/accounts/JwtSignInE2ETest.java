package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.messenger.client.AccountClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.LoginResult;
import dev.messenger.client.UserView;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External sign-in end to end (PROTOCOL.md section 8): {@code POST /api/v1/sessions {"jwt"}}
 * against a node configured with an HS256 secret and a loopback JWKS; users linked by ({@code iss},
 * {@code sub}) and created on first sign-in. The verification cases themselves: {@link
 * JwtVerifierTest}.
 */
class JwtSignInE2ETest {
  private static final String SECRET = "the HS256 secret of this test node, 32+ bytes";
  private static JwksServer idp;
  private static RSAKey rsa;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    idp = new JwksServer();
    rsa = JwksServer.rsa("k1");
    idp.publish(rsa);
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(
                    b ->
                        b.set(AccountSettings.AUTH_JWT_SECRET, Secret.of(SECRET))
                            .set(AccountSettings.AUTH_JWT_JWKS_URL, idp.url())
                            .set(AccountSettings.AUTH_JWT_ISSUER, JwksServer.ISSUER)
                            .set(AccountSettings.AUTH_JWT_AUDIENCE, JwksServer.AUDIENCE)));
  }

  @AfterAll
  static void stop() {
    node.close();
    idp.close();
  }

  private static AccountClient anon() {
    return new AccountClient(node.anonymous());
  }

  @Test
  void firstSignIn_createsTheUser_fromItsClaims_laterOnesFindIt() throws Exception {
    String sub = "sub-" + System.nanoTime();
    String name = ("jwt_" + System.nanoTime() % 1_000_000).toLowerCase();
    String token =
        JwksServer.sign(
            rsa,
            JwksServer.claims(sub)
                .claim("preferred_username", name)
                .claim("name", "From The IdP")
                .build());
    LoginResult first = anon().signInWithJwt(token, "phone");
    UserView me = new AccountClient(node.anonymous().withToken(first.token())).me();
    assertThat(me.username()).isEqualTo(name);
    assertThat(me.displayName()).isEqualTo("From The IdP");
    // The same (iss, sub) again, with HS256 this time: the same user, a new device.
    LoginResult second =
        anon()
            .signInWithJwt(
                JwksServer.signHs(
                    SECRET.getBytes(StandardCharsets.UTF_8), JwksServer.claims(sub).build()),
                null);
    assertThat(second.userId()).isEqualTo(first.userId());
    assertThat(second.deviceId()).isNotEqualTo(first.deviceId());
    assertThat(node.anonymous().withToken(second.token()).conversations()).isEmpty();
    // A password login is impossible for this user (it has none), and costs the same as any.
    assertThatThrownBy(() -> node.anonymous().login(name, "", null))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void preferredUsernameTakenOrInvalid_getsAGeneratedOne() throws Exception {
    var taken = node.newUser("taken");
    for (String preferred : new String[] {taken.username(), "NO SPACES!", "ab"}) {
      LoginResult r =
          anon()
              .signInWithJwt(
                  JwksServer.sign(
                      rsa,
                      JwksServer.claims("s-" + System.nanoTime())
                          .claim("preferred_username", preferred)
                          .build()),
                  null);
      UserView u = node.anonymous().withToken(r.token()).user(r.userId());
      assertThat(u.username()).startsWith("user-").matches("[a-z0-9_.-]{3,32}");
      assertThat(u.id()).isNotEqualTo(taken.id());
    }
  }

  @Test
  void invalidTokens_are401_andCreateNoUser() throws Exception {
    String sub = "never-" + System.nanoTime();
    for (String bad :
        new String[] {
          JwksServer.sign(rsa, JwksServer.claims(sub).issuer("https://other.test").build()),
          JwksServer.sign(JwksServer.rsa("k1"), JwksServer.claims(sub).build()),
          "garbage"
        }) {
      assertThatThrownBy(() -> anon().signInWithJwt(bad, null))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
    assertThatThrownBy(() -> node.anonymous().rawRequest("POST", "/sessions", "{\"jwt\": 5}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void withoutConfiguration_aJwtIs401() throws Exception {
    try (TestNode plain = TestNode.start()) {
      String token = JwksServer.sign(rsa, JwksServer.claims("s").build());
      assertThatThrownBy(() -> new AccountClient(plain.anonymous()).signInWithJwt(token, null))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
  }
}
