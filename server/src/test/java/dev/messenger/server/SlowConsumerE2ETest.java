package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.ConnectionSettings;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Backpressure: a client that stops reading is closed once its bounded outbound queue fills, and
 * the other members keep receiving everything.
 */
class SlowConsumerE2ETest {

  @Test
  void clientThatStopsReading_isClosed_othersReceiveEverything() throws Exception {
    try (TestNode node =
        TestNode.start(
            TestNode.testSettings().with(ConnectionSettings.MAX_OUTBOUND_BYTES, 64 * 1024))) {
      TestUser sender = node.newUser("sender");
      TestUser stalled = node.newUser("stalled");
      TestUser healthy = node.newUser("healthy");
      var group = sender.http().createGroup("load", List.of(stalled.id(), healthy.id()));
      try (Socket raw = new Socket()) {
        // A tiny receive window and no reads at all.
        raw.setReceiveBufferSize(4096);
        raw.connect(new java.net.InetSocketAddress("127.0.0.1", node.port()));
        OutputStream out = raw.getOutputStream();
        out.write(
            ("GET /ws?access_token="
                    + stalled.http().token()
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try (RecordingSocket watcher = sender.connect();
            RecordingSocket h = healthy.connect()) {
          watcher.subscribePresence(List.of(stalled.id()));
          watcher.await(
              f ->
                  "presence".equals(f.path("type").asText())
                      && "online".equals(f.path("status").asText()),
              Duration.ofSeconds(10));
          String body = "x".repeat(1000);
          int total = 6000;
          List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
          for (int i = 0; i < total; i++) {
            replies.add(watcher.send(group.id(), "flood-" + i, body));
            if (replies.size() % 500 == 0) {
              replies.get(replies.size() - 1).get(30, TimeUnit.SECONDS);
            }
          }
          CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
              .get(60, TimeUnit.SECONDS);
          // The stalled connection was closed: its user goes offline after the grace.
          watcher.await(
              f ->
                  "presence".equals(f.path("type").asText())
                      && "offline".equals(f.path("status").asText()),
              Duration.ofSeconds(30));
          // The healthy member got every message, in order.
          List<JsonNode> got = h.awaitCount("message", total, Duration.ofSeconds(60));
          for (int i = 0; i < total; i++) {
            assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 2);
          }
        }
      }
    }
  }
}
