package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.ConnectionSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idle timeout, health and shutdown (PROTOCOL.md 1 and 3 "Close codes"). */
class SessionLifecycleE2ETest {

  @Test
  void silentConnection_isClosedAfterIdleTimeout_pingingOneStays() throws Exception {
    try (TestNode node =
        TestNode.start(
            TestNode.testSettings()
                .with(ConnectionSettings.IDLE_TIMEOUT, Duration.ofMillis(1500)))) {
      TestUser alice = node.newUser("alice");
      RecordingSocket silent = alice.connect();
      RecordingSocket chatty = alice.connect();
      long start = System.currentTimeMillis();
      // Keep one connection talking while the other stays silent until it is closed.
      while (!silent.closeCode().isDone() && System.currentTimeMillis() - start < 10_000) {
        chatty.requestSync(Frames.frame("ping"));
      }
      assertThat(silent.closeCode().get(1, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(1500);
      assertThat(chatty.isOpen()).isTrue();
      assertThat(chatty.requestSync(Frames.frame("ping")).get("type").asText()).isEqualTo("pong");
      chatty.close();
    }
  }

  @Test
  void logFormatJson_printsOneJsonObjectPerLogLine() throws Exception {
    try (ServerProcess p =
        ServerProcess.start(
            java.nio.file.Files.createTempDirectory("json-logs"), "--log-format=json")) {
      JsonNode line =
          p.output().stream()
              .filter(l -> l.startsWith("{"))
              .map(
                  l -> {
                    try {
                      return dev.messenger.server.wire.Wire.MAPPER.readTree(l);
                    } catch (Exception e) {
                      throw new AssertionError("not JSON: " + l, e);
                    }
                  })
              .filter(j -> j.path("message").asText().contains("started on port"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no JSON start-up line in " + p.output()));
      assertThat(line.get("level").asText()).isEqualTo("INFO");
      assertThat(line.get("arguments").toString()).contains(Integer.toString(p.port()));
    }
  }

  @Test
  void health_answers200_andShutdownClosesSocketsWith1001() throws Exception {
    TestNode node = TestNode.start();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.uri() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    TestUser alice = node.newUser("alice");
    RecordingSocket s = alice.connect();
    node.close();
    assertThat(s.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
  }
}
