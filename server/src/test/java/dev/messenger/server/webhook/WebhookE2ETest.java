package dev.messenger.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.server.ServerProcess;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.WebhookSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Webhooks (PROTOCOL.md section 8): signed, in seq order, retried after failures, counted on
 * /metrics, and kept across a SIGKILL of the node.
 */
class WebhookE2ETest {
  static final String SECRET = "test-webhook-secret-0123456789abcdef";

  @Test
  void signedEvents_arriveInSeqOrder_afterReceiverFailures() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 3, 0);
        TestNode node =
            TestNode.start(
                TestNode.testSettings()
                    .with(
                        b ->
                            b.set(WebhookSettings.WEBHOOK_URL, receiver.url())
                                .set(WebhookSettings.WEBHOOK_SECRET, Secret.of(SECRET))))) {
      var alice = node.newUser("hook_alice");
      var bob = node.newUser("hook_bob");
      String conversationId = alice.http().openDirect(bob.id()).id();
      for (int i = 1; i <= 20; i++) {
        alice.http().postMessage(conversationId, "hook-" + i, "body " + i);
      }
      await(() -> messages(receiver, conversationId).size() >= 20, 60_000);

      List<JsonNode> events = messages(receiver, conversationId);
      assertThat(events).hasSize(20);
      assertThat(events.stream().map(e -> e.path("data").path("seq").asLong()).toList())
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(events.get(0).path("data").path("body").asText()).isEqualTo("body 1");
      assertThat(events.get(0).path("id").asText()).isNotBlank();
      assertThat(events.get(0).path("ts").asLong()).isPositive();
      assertThat(receiver.badSignatures()).isEmpty();

      String metrics = get(node.uri(), "/metrics");
      assertThat(value(metrics, "messenger_webhook_failures_total")).isGreaterThanOrEqualTo(3);
      assertThat(value(metrics, "messenger_webhook_delivered_total")).isGreaterThanOrEqualTo(20);
      assertThat(metrics).contains("messenger_webhook_outbox_depth");
      assertThat(metrics).contains("messenger_webhook_outbox_oldest_seconds");
    }
  }

  @Test
  void sigkill_withEventsInOutbox_everyEventDeliveredAfterRestart() throws Exception {
    Path dir = Files.createTempDirectory("messenger-hook-crash");
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0, 0)) {
      receiver.down = true;
      String[] hook = {"--webhook-url=" + receiver.url(), "--webhook-secret=" + SECRET};
      String conversationId;
      try (ServerProcess server = ServerProcess.start(dir, hook)) {
        MessengerClient anon = new MessengerClient(URI.create("http://127.0.0.1:" + server.port()));
        anon.register("hookcrash_alice", "password-a", null);
        anon.register("hookcrash_bob", "password-b", null);
        LoginResult a = anon.login("hookcrash_alice", "password-a", null);
        LoginResult b = anon.login("hookcrash_bob", "password-b", null);
        MessengerClient alice = anon.withToken(a.token());
        conversationId = alice.openDirect(b.userId()).id();
        for (int i = 1; i <= 30; i++) {
          alice.postMessage(conversationId, "crash-" + i, "body " + i);
        }
        server.kill();
      }
      assertThat(receiver.accepted()).isEmpty();
      receiver.down = false;
      try (ServerProcess restarted = ServerProcess.start(dir, hook)) {
        await(() -> messages(receiver, conversationId).size() >= 30, 90_000);
      }
      List<Long> seqs =
          messages(receiver, conversationId).stream()
              .map(e -> e.path("data").path("seq").asLong())
              .toList();
      assertThat(seqs).hasSize(30).isSorted().doesNotHaveDuplicates();
      assertThat(receiver.badSignatures()).isEmpty();
    }
  }

  static List<JsonNode> messages(WebhookReceiver r, String conversationId) {
    return r.accepted().stream()
        .filter(e -> "message.created".equals(e.path("type").asText()))
        .filter(e -> conversationId.equals(e.path("data").path("conversationId").asText()))
        .toList();
  }

  static void await(BooleanSupplier done, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out after " + millis + " ms");
      }
      Thread.sleep(50);
    }
  }

  static String get(URI base, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(base.resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static double value(String metrics, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^" + java.util.regex.Pattern.quote(name) + " ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE)
            .matcher(metrics);
    assertThat(m.find()).as(name + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
