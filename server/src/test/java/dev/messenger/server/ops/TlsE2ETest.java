package dev.messenger.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.TlsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * TLS end to end: a node serving {@code https://} and {@code wss://} from PEM files made in the
 * test, the Java SDK over both, and a renewed certificate served without a restart while an open
 * socket keeps working.
 */
class TlsE2ETest {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void https_and_wss_withTheSdk_andRenewalPickedUpWithoutRestart() throws Exception {
    Path dir = Files.createTempDirectory("tls");
    TestCertificates.Pem first = TestCertificates.selfSigned(dir, "first");
    TestCertificates.Pem second = TestCertificates.selfSigned(dir, "second");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    first.writeTo(cert, key);
    Settings settings =
        TestNode.testSettings()
            .with(
                b ->
                    b.set(TlsSettings.CERT_FILE, cert.toString())
                        .set(TlsSettings.KEY_FILE, key.toString())
                        .set(TlsSettings.RELOAD_INTERVAL, Duration.ofMillis(200)));
    try (TestNode node = TestNode.start(settings)) {
      URI https = URI.create("https://127.0.0.1:" + node.port());
      SSLContext trustFirst = TestCertificates.trusting(List.of(first.certificate()));
      // The first handshake initialises TLS in both JVMs: slow on a loaded machine, so it is made
      // here with a generous timeout rather than inside the SDK's 10 s connect timeout.
      assertThat(served(https, trustFirst).getSubjectX500Principal().getName())
          .isEqualTo("CN=first");
      MessengerClient anon = new MessengerClient(https, trustFirst);
      anon.register("alice_tls", "password-alice", null);
      anon.register("bob_tls", "password-bob", null);
      LoginResult a = anon.login("alice_tls", "password-alice", "test");
      LoginResult b = anon.login("bob_tls", "password-bob", "test");
      MessengerClient alice = anon.withToken(a.token());
      MessengerClient bob = anon.withToken(b.token());
      assertThat(served(https, trustFirst).getSubjectX500Principal().getName())
          .isEqualTo("CN=first");
      // Plain HTTP is not served on a TLS port.
      assertThatThrownBy(() -> plainGet("http://127.0.0.1:" + node.port() + "/health"))
          .isInstanceOf(Exception.class);

      try (RecordingSocket as = RecordingSocket.open(alice);
          RecordingSocket bs = RecordingSocket.open(bob)) {
        assertThat(as.readyFrame().get("protocol").asInt()).isEqualTo(2);
        JsonNode sent = as.sendTo(b.userId(), "c-1", "over wss").join();
        assertThat(sent.get("type").asText()).isEqualTo("sent");
        assertThat(bs.awaitType("message", T).get("body").asText()).isEqualTo("over wss");

        // Renewal: new files, same paths; new handshakes get the new certificate.
        second.writeTo(cert, key);
        SSLContext trustBoth =
            TestCertificates.trusting(List.of(first.certificate(), second.certificate()));
        Awaitility.await("renewed certificate served")
            .atMost(T)
            .until(
                () -> served(https, trustBoth).getSubjectX500Principal().getName(),
                "CN=second"::equals);
        // A client that trusts only the new certificate gets in over https and wss.
        SSLContext trustSecond = TestCertificates.trusting(List.of(second.certificate()));
        MessengerClient bobAgain = new MessengerClient(https, trustSecond).withToken(b.token());
        try (RecordingSocket renewed = RecordingSocket.open(bobAgain)) {
          // The socket opened before the renewal still works.
          JsonNode again = as.send(sent.get("conversationId").asText(), "c-2", "after").join();
          assertThat(again.get("seq").asLong()).isEqualTo(2);
          assertThat(renewed.awaitType("message", T).get("body").asText()).isEqualTo("after");
        }
        assertThat(bobAgain.history(sent.get("conversationId").asText(), null, null, 10).messages())
            .hasSize(2);

        // A broken renewal (a key that does not parse) keeps the current certificate in service.
        Files.writeString(
            key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        Thread.sleep(800);
        assertThat(served(https, trustBoth).getSubjectX500Principal().getName())
            .isEqualTo("CN=second");
        assertThat(as.isOpen()).isTrue();
      }
    }
  }

  /** The certificate a new TLS connection is served, through a fresh client. */
  private static X509Certificate served(URI base, SSLContext ssl) throws Exception {
    HttpClient http =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(60)).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/health/live"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  private static void plainGet(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .connectTimeout(T)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    throw new AssertionError("plain HTTP answered " + r.statusCode());
  }
}
