package dev.messenger.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.server.settings.WebhookSettings.FailMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The before-send hook (PROTOCOL.md section 8) against a loopback hook that checks signatures:
 * allow, reject, replace, a bad answer, timeouts and a hook that is down in both fail modes, over
 * WebSocket and HTTP; a refused send stores nothing, and {@code sent} replies keep frame order.
 */
class BeforeSendHookE2ETest {
  private static final String SECRET = WebhookE2ETest.SECRET;

  @Test
  void allowRejectReplace_overWebSocketAndHttp_failOpen() throws Exception {
    try (HookReceiver hook = new HookReceiver(SECRET);
        TestNode node = node(hook.url(), FailMode.OPEN)) {
      var alice = node.newUser("bs_alice");
      var bob = node.newUser("bs_bob");
      String c = alice.http().openDirect(bob.id()).id();
      try (RecordingSocket ws = alice.connect()) {
        JsonNode sent = reply(ws.send(c, "ok-1", "hello"));
        assertThat(sent.path("type").asText()).isEqualTo("sent");
        JsonNode asked = hook.requests().get(0);
        assertThat(asked.path("type").asText()).isEqualTo("message.before_send");
        assertThat(asked.path("data").path("conversationId").asText()).isEqualTo(c);
        assertThat(asked.path("data").path("senderId").asText()).isEqualTo(alice.id());
        assertThat(asked.path("data").path("clientId").asText()).isEqualTo("ok-1");
        assertThat(asked.path("data").path("body").asText()).isEqualTo("hello");

        JsonNode rejected = reply(ws.send(c, "rej-1", "bad words [reject]"));
        assertThat(rejected.path("type").asText()).isEqualTo("error");
        assertThat(rejected.path("code").asText()).isEqualTo("forbidden");
        assertThat(rejected.path("message").asText()).isEqualTo("no swearing");

        assertThat(reply(ws.send(c, "rep-1", "fix me [replace]")).path("type").asText())
            .isEqualTo("sent");
        JsonNode tooLong = reply(ws.send(c, "long-1", "grow [toolong]"));
        assertThat(tooLong.path("code").asText()).isEqualTo("too_large");
        // A bad answer is a failure: fail open lets the send through as it was.
        assertThat(reply(ws.send(c, "garb-1", "odd [garbage]")).path("type").asText())
            .isEqualTo("sent");
        // Over the 500 ms timeout: fail open.
        assertThat(reply(ws.send(c, "slow-1", "late [slow:1500]")).path("type").asText())
            .isEqualTo("sent");
      }
      ApiException http =
          org.junit.jupiter.api.Assertions.assertThrows(
              ApiException.class, () -> alice.http().postMessage(c, "rej-2", "http [reject]"));
      assertThat(http.status()).isEqualTo(403);
      assertThat(http.errorMessage()).isEqualTo("no swearing");
      assertThat(alice.http().postMessage(c, "rep-2", "http [replace]").body())
          .isEqualTo("cleaned");

      assertThat(bodies(alice, c))
          .containsExactly("hello", "cleaned", "odd [garbage]", "late [slow:1500]", "cleaned");
      assertThat(hook.badSignatures()).isEmpty();
      String metrics = WebhookE2ETest.get(node.uri(), "/metrics");
      assertThat(WebhookE2ETest.value(metrics, "messenger_webhook_before_send_calls_total"))
          .isGreaterThanOrEqualTo(8);
      assertThat(WebhookE2ETest.value(metrics, "messenger_webhook_before_send_rejected_total"))
          .isEqualTo(2);
      assertThat(WebhookE2ETest.value(metrics, "messenger_webhook_before_send_failures_total"))
          .isEqualTo(2);
    }
  }

  @Test
  void sentReplies_keepFrameOrder_whenAnEarlierHookCallIsSlower() throws Exception {
    try (HookReceiver hook = new HookReceiver(SECRET);
        TestNode node = node(hook.url(), FailMode.CLOSED)) {
      var alice = node.newUser("bs_order_a");
      var bob = node.newUser("bs_order_b");
      String c = alice.http().openDirect(bob.id()).id();
      try (RecordingSocket ws = alice.connect()) {
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        replies.add(ws.send(c, "o-0", "first [slow:300]"));
        for (int i = 1; i < 6; i++) {
          replies.add(ws.send(c, "o-" + i, "next " + i));
        }
        long previous = 0;
        for (CompletableFuture<JsonNode> r : replies) {
          reply(r);
        }
        List<JsonNode> sent = ws.frames("sent");
        assertThat(sent)
            .extracting(f -> f.path("clientId").asText())
            .containsExactly("o-0", "o-1", "o-2", "o-3", "o-4", "o-5");
        for (JsonNode f : sent) {
          assertThat(f.path("seq").asLong()).isGreaterThan(previous);
          previous = f.path("seq").asLong();
        }
      }
    }
  }

  @Test
  void manyConnections_manySendsAtOnce_allStored() throws Exception {
    try (HookReceiver hook = new HookReceiver(SECRET);
        // A timeout no loaded machine reaches: a call that timed out would be allowed unasked
        // (fail open), and this test counts the calls.
        TestNode node = node(hook.url(), FailMode.OPEN, Duration.ofSeconds(30))) {
      var bob = node.newUser("bs_many_b");
      List<RecordingSocket> sockets = new ArrayList<>();
      List<String> conversations = new ArrayList<>();
      List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
      try {
        for (int u = 0; u < 20; u++) {
          var user = node.newUser("bs_many_" + u);
          conversations.add(user.http().openDirect(bob.id()).id());
          sockets.add(user.connect());
        }
        long start = System.nanoTime();
        // 200 at once: under the 256 hook calls a node allows in flight.
        for (int i = 0; i < 10; i++) {
          for (int u = 0; u < sockets.size(); u++) {
            replies.add(sockets.get(u).send(conversations.get(u), "m-" + i, "many " + i));
          }
        }
        for (CompletableFuture<JsonNode> r : replies) {
          JsonNode frame = r.get(30, TimeUnit.SECONDS);
          assertThat(frame.path("type").asText()).as(frame.toString()).isEqualTo("sent");
        }
        System.out.printf(
            "200 hooked sends on 20 sockets in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      } finally {
        sockets.forEach(RecordingSocket::close);
      }
      assertThat(hook.requests()).hasSize(200);
      assertThat(hook.badSignatures()).isEmpty();
    }
  }

  @Test
  void timeout_failClosed_isUnavailable_andStoresNothing() throws Exception {
    try (HookReceiver hook = new HookReceiver(SECRET);
        TestNode node = node(hook.url(), FailMode.CLOSED)) {
      var alice = node.newUser("bs_closed_a");
      var bob = node.newUser("bs_closed_b");
      String c = alice.http().openDirect(bob.id()).id();
      try (RecordingSocket ws = alice.connect()) {
        JsonNode late = reply(ws.send(c, "late-1", "late [slow:1500]"));
        assertThat(late.path("code").asText()).isEqualTo("unavailable");
        JsonNode rejected = reply(ws.send(c, "rej-1", "x [reject]"));
        assertThat(rejected.path("code").asText()).isEqualTo("forbidden");
        assertThat(reply(ws.send(c, "ok-1", "fine")).path("type").asText()).isEqualTo("sent");
      }
      assertThatThrownBy(() -> alice.http().postMessage(c, "late-2", "late [slow:1500]"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
      assertThat(bodies(alice, c)).containsExactly("fine");
    }
  }

  @Test
  void hookDown_failOpenAllows_failClosedRefuses() throws Exception {
    String down = "http://127.0.0.1:" + ClusterServices.freePort() + "/before-send";
    try (TestNode open = node(down, FailMode.OPEN);
        TestNode closed = node(down, FailMode.CLOSED)) {
      for (TestNode node : List.of(open, closed)) {
        var alice = node.newUser("bs_down_a");
        var bob = node.newUser("bs_down_b");
        String c = alice.http().openDirect(bob.id()).id();
        try (RecordingSocket ws = alice.connect()) {
          JsonNode r = reply(ws.send(c, "d-1", "anyone there?"));
          if (node == open) {
            assertThat(r.path("type").asText()).isEqualTo("sent");
            assertThat(bodies(alice, c)).containsExactly("anyone there?");
          } else {
            assertThat(r.path("code").asText()).isEqualTo("unavailable");
            assertThat(bodies(alice, c)).isEmpty();
          }
        }
        String metrics = WebhookE2ETest.get(node.uri(), "/metrics");
        assertThat(WebhookE2ETest.value(metrics, "messenger_webhook_before_send_failures_total"))
            .isEqualTo(1);
      }
    }
  }

  private static TestNode node(String url, FailMode fail) throws Exception {
    return node(url, fail, Duration.ofMillis(500));
  }

  private static TestNode node(String url, FailMode fail, Duration timeout) throws Exception {
    return TestNode.start(
        TestNode.testSettings()
            .with(
                b ->
                    b.set(WebhookSettings.WEBHOOK_BEFORE_SEND_URL, url)
                        .set(WebhookSettings.WEBHOOK_SECRET, Secret.of(SECRET))
                        .set(WebhookSettings.WEBHOOK_BEFORE_SEND_TIMEOUT, timeout)
                        .set(WebhookSettings.WEBHOOK_BEFORE_SEND_FAIL, fail)));
  }

  private static JsonNode reply(CompletableFuture<JsonNode> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  /** The text bodies stored in the conversation, oldest first. */
  private static List<String> bodies(TestNode.TestUser u, String conversationId) {
    JsonNode page =
        u.http().rawRequest("GET", "/api/v1/conversations/" + conversationId + "/messages", null);
    List<String> out = new ArrayList<>();
    for (JsonNode m : page.path("messages")) {
      if ("text".equals(m.path("kind").asText())) {
        out.add(m.path("body").asText());
      }
    }
    return out;
  }
}
