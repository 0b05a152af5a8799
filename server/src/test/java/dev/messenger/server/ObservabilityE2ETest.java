package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} in Prometheus format, liveness and readiness. */
class ObservabilityE2ETest {

  private static HttpResponse<String> get(TestNode node, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.uri() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static double value(String scrape, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
            .matcher(scrape);
    assertThat(m.find()).as(series + " in\n" + scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metrics_countConnectionsFramesSendsCommitsAndErrors() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestUser alice = node.newUser("alice");
      TestUser bob = node.newUser("bob");
      String cid = alice.http().openDirect(bob.id()).id();
      try (RecordingSocket a = alice.connect();
          RecordingSocket b = bob.connect()) {
        for (int i = 0; i < 5; i++) {
          a.send(cid, "m" + i, "hi " + i).get(10, TimeUnit.SECONDS);
        }
        b.awaitCount("message", 5, java.time.Duration.ofSeconds(10));
        a.sendRaw("not json");
        a.awaitType("error", java.time.Duration.ofSeconds(10));
        HttpResponse<String> r = get(node, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        String s = r.body();
        assertThat(value(s, "messenger_connections")).isEqualTo(2);
        assertThat(value(s, "messenger_sends_total")).isEqualTo(5);
        assertThat(value(s, "messenger_frames_in_total")).isGreaterThanOrEqualTo(6);
        assertThat(value(s, "messenger_frames_out_total")).isGreaterThanOrEqualTo(12);
        assertThat(value(s, "messenger_commit_batch_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(s, "messenger_commit_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(s, "messenger_fanout_seconds_count")).isGreaterThanOrEqualTo(5);
        assertThat(value(s, "messenger_errors_total{code=\"bad_request\"}"))
            .isGreaterThanOrEqualTo(1);
        assertThat(s).contains("messenger_writer_queue").contains("jvm_memory_used_bytes");
        assertThat(value(s, "messenger_push_sent_total")).isZero();
        assertThat(s)
            .contains("messenger_push_expired_total")
            .contains("messenger_push_failed_total");
      }
      get(node, "/api/v1/conversations");
      assertThat(
              value(get(node, "/metrics").body(), "messenger_errors_total{code=\"unauthorized\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void liveAndReady_answer200_whileTheStoreIsReachable() throws Exception {
    try (TestNode node = TestNode.start()) {
      assertThat(get(node, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(node, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("ready");
    }
  }
}
