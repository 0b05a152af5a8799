package dev.messenger.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.testing.FakeClock;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FCM access token cache (PROTOCOL.md section 9): one exchange while the token is fresh, a new
 * one 5 min before it expires and after a 401; against the loopback OAuth endpoint, which verifies
 * each assertion's signature and claims.
 */
class FcmAccessTokensTest {
  private FakeFcm fcm;
  private final FakeClock clock = new FakeClock();
  private FcmAccessTokens tokens;

  @BeforeEach
  void start() throws Exception {
    fcm = new FakeFcm();
    Path sa = Files.createTempFile("service-account", ".json");
    Files.writeString(sa, fcm.serviceAccountJson());
    tokens = new FcmAccessTokens(FcmCredentials.load(sa), HttpClient.newHttpClient(), clock);
  }

  @AfterEach
  void stop() {
    fcm.close();
  }

  private String token() throws Exception {
    return tokens.get().get(10, TimeUnit.SECONDS);
  }

  @Test
  void cachedUntilFiveMinutesBeforeExpiry_thenRenewed_andAfterInvalidate() throws Exception {
    fcm.now = clock::millis; // the token endpoint checks iat and exp against the same clock
    String first = token();
    assertThat(token()).isEqualTo(first);
    clock.advance(Duration.ofSeconds(3599 - 300 - 1));
    assertThat(token()).isEqualTo(first);
    assertThat(fcm.tokenRequests.get()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    String second = token();
    assertThat(second).isNotEqualTo(first);
    assertThat(fcm.tokenRequests.get()).isEqualTo(2);

    tokens.invalidate();
    assertThat(token()).isNotEqualTo(second);
    assertThat(fcm.tokenRequests.get()).isEqualTo(3);
    assertThat(fcm.problems()).isEmpty();
  }
}
