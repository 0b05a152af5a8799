package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frames {@link SocketChanges} writes (a real node: ClientChangesE2ETest). */
@Timeout(10)
class SocketChangesTest {
  private final FakeWebSocket ws = new FakeWebSocket();
  private ChatSocket socket;
  private WebSocket.Listener reader;

  @BeforeEach
  void open() {
    socket = new ChatSocket(null);
    reader = socket.reader();
    reader.onOpen(ws);
    reader.onText(ws, "{\"type\":\"ready\",\"userId\":\"u1\",\"deviceId\":\"d1\"}", true);
    socket.awaitReady(ws, Duration.ofSeconds(1));
  }

  private JsonNode lastSent() {
    List<String> texts = ws.texts();
    return Json.parse(texts.get(texts.size() - 1));
  }

  private JsonNode withoutRef(JsonNode frame) {
    return ((com.fasterxml.jackson.databind.node.ObjectNode) frame.deepCopy()).without("ref");
  }

  @Test
  void changeFrames_carryConversationSeqAndTheirField() {
    SocketChanges c = socket.changes();

    c.edit("c1", 5, "fixed");
    assertThat(withoutRef(lastSent()))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"edit\",\"conversationId\":\"c1\",\"seq\":5,\"body\":\"fixed\"}"));
    c.delete("c1", 5);
    assertThat(withoutRef(lastSent()))
        .isEqualTo(Json.parse("{\"type\":\"delete\",\"conversationId\":\"c1\",\"seq\":5}"));
    c.react("c1", 5, "👍");
    assertThat(lastSent().path("emoji").asText()).isEqualTo("👍");
    c.unreact("c1", 5, "👍");
    assertThat(lastSent().path("type").asText()).isEqualTo("unreact");
    c.pin("c1", 5);
    assertThat(lastSent().path("type").asText()).isEqualTo("pin");
    c.unpin("c1", 5);
    assertThat(lastSent().path("type").asText()).isEqualTo("unpin");
    assertThat(lastSent().path("ref").asText()).isNotEmpty();
  }

  @Test
  void change_completesWithUpdated() throws Exception {
    CompletableFuture<JsonNode> reply = socket.changes().react("c1", 5, "👍");
    String ref = lastSent().path("ref").asText();
    reader.onText(
        ws,
        "{\"type\":\"updated\",\"ref\":\""
            + ref
            + "\",\"conversationId\":\"c1\",\"target\":5,\"seq\":null}",
        true);

    UpdatedView u = UpdatedView.fromFrame(reply.get());
    assertThat(u.target()).isEqualTo(5);
    assertThat(u.changed()).isFalse();
  }

  @Test
  void send_withReplyMentionsOrForward() {
    socket.changes().send(OutgoingMessage.toUser("u2", "k1", "yes").withReplyTo(4));
    assertThat(withoutRef(lastSent()))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"send\",\"clientId\":\"k1\",\"to\":\"u2\",\"body\":\"yes\","
                    + "\"replyTo\":4}"));
    socket.changes().send(OutgoingMessage.forward("c2", "k2", "c1", 5));
    assertThat(lastSent().path("forward").path("seq").asLong()).isEqualTo(5);
    assertThat(lastSent().has("body")).isFalse();
  }
}
