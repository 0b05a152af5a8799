package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.testing.RecordingSocket;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChatSocketTest {
  private final List<ServerFrame> heard = new CopyOnWriteArrayList<>();
  private final List<Integer> closes = new CopyOnWriteArrayList<>();
  private final FakeWebSocket ws = new FakeWebSocket();
  private ChatSocket socket;
  private RecordingSocket recording;
  private WebSocket.Listener reader;

  @BeforeEach
  void open() {
    ChatSocket.Listener listener =
        new ChatSocket.Listener() {
          @Override
          public void onFrame(ServerFrame frame) {
            heard.add(frame);
          }

          @Override
          public void onClose(int code, String reason) {
            closes.add(code);
          }
        };
    recording = RecordingSocket.record(raw -> new ChatSocket(listener, raw));
    socket = recording.socket();
    reader = socket.reader();
    reader.onOpen(ws);
    receive("{\"type\":\"ready\",\"userId\":\"u1\",\"deviceId\":\"d1\",\"protocol\":1}");
    socket.awaitReady(ws, Duration.ofSeconds(1));
  }

  private void receive(String text) {
    reader.onText(ws, text, true);
  }

  private JsonNode lastSent() {
    List<String> texts = ws.texts();
    return Json.parse(texts.get(texts.size() - 1));
  }

  @Test
  void ready_givesUserAndDevice() {
    assertThat(socket.userId()).isEqualTo("u1");
    assertThat(socket.deviceId()).isEqualTo("d1");
    assertThat(socket.readyFrame().path("protocol").asInt()).isEqualTo(1);
    assertThat(socket.isOpen()).isTrue();
  }

  @Test
  void request_withoutRef_setsFreshRef_andCompletesWithReply() throws Exception {
    CompletableFuture<JsonNode> reply = socket.request(Json.object().put("type", "ping"));
    String ref = lastSent().path("ref").asText();

    assertThat(ref).startsWith(Refs.PREFIX);
    assertThat(reply).isNotDone();
    receive("{\"type\":\"pong\",\"ref\":\"" + ref + "\"}");
    assertThat(reply.get().path("type").asText()).isEqualTo("pong");
  }

  @Test
  void request_keepsCallersRef() {
    socket.request(Json.object().put("type", "sync").put("ref", "mine"));

    assertThat(lastSent().path("ref").asText()).isEqualTo("mine");
  }

  @Test
  void request_errorReply_completesNormally() throws Exception {
    CompletableFuture<JsonNode> reply = socket.send("c1", "k1", "hi");
    String ref = lastSent().path("ref").asText();
    receive(
        "{\"type\":\"error\",\"ref\":\"" + ref + "\",\"code\":\"not_found\",\"message\":\"x\"}");

    assertThat(reply.get().path("code").asText()).isEqualTo("not_found");
  }

  @Test
  void send_andSendTo_buildSendFrames() {
    socket.send("c1", "k1", "hello");
    JsonNode toConversation = lastSent();
    socket.sendTo("u2", "k2", "yo");
    JsonNode toUser = lastSent();

    assertThat(toConversation.path("type").asText()).isEqualTo("send");
    assertThat(toConversation.path("conversationId").asText()).isEqualTo("c1");
    assertThat(toConversation.path("clientId").asText()).isEqualTo("k1");
    assertThat(toConversation.path("body").asText()).isEqualTo("hello");
    assertThat(toUser.path("to").asText()).isEqualTo("u2");
    assertThat(toUser.has("conversationId")).isFalse();
  }

  @Test
  void fireAndForgetFrames_haveTheProtocolFields() {
    socket.ack("c1", 4, "read");
    assertThat(lastSent().toString())
        .isEqualTo("{\"type\":\"ack\",\"conversationId\":\"c1\",\"seq\":4,\"status\":\"read\"}");
    socket.typing("c1", "start");
    assertThat(lastSent().toString())
        .isEqualTo("{\"type\":\"typing\",\"conversationId\":\"c1\",\"state\":\"start\"}");
    socket.subscribePresence(List.of("u2", "u3"));
    assertThat(lastSent().toString())
        .isEqualTo("{\"type\":\"presence.subscribe\",\"userIds\":[\"u2\",\"u3\"]}");
    socket.unsubscribePresence(List.of("u2"));
    assertThat(lastSent().path("type").asText()).isEqualTo("presence.unsubscribe");
    socket.sendRaw("{not json");
    assertThat(ws.texts()).last().isEqualTo("{not json");
  }

  @Test
  void history_omitsNullArguments() throws Exception {
    CompletableFuture<JsonNode> answer =
        CompletableFuture.supplyAsync(() -> socket.history("c1", null, 5L, null));
    JsonNode request = Json.parse(ws.outbound.poll(5, TimeUnit.SECONDS));
    assertThat(request.path("type").asText()).isEqualTo("history");
    assertThat(request.has("before")).isFalse();
    assertThat(request.path("after").asLong()).isEqualTo(5);
    assertThat(request.has("limit")).isFalse();
    receive(
        "{\"type\":\"history\",\"ref\":\""
            + request.path("ref").asText()
            + "\",\"messages\":[],\"hasMore\":false}");

    assertThat(answer.get().path("type").asText()).isEqualTo("history");
  }

  @Test
  void partialTexts_areJoinedIntoOneFrame() {
    reader.onText(ws, "{\"type\":\"mess", false);
    reader.onText(ws, "age\",\"seq\":1}", true);

    assertThat(recording.frames("message")).hasSize(1);
    assertThat(heard).extracting(ServerFrame::type).containsExactly("ready", "message");
  }

  @Test
  void rawObserver_seesEveryFrameFirst_andItsFailureStopsNothing() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    ChatSocket s =
        new ChatSocket(
            frame -> order.add("typed " + frame.type()),
            raw -> {
              order.add("raw " + raw.path("type").asText());
              throw new IllegalStateException("observer bug");
            });
    FakeWebSocket fake = new FakeWebSocket();
    WebSocket.Listener r = s.reader();
    r.onOpen(fake);
    r.onText(fake, "{\"type\":\"ready\",\"userId\":\"u1\",\"deviceId\":\"d1\"}", true);
    s.awaitReady(fake, Duration.ofSeconds(1));
    CompletableFuture<JsonNode> pong = s.ping();
    String ref = Json.parse(fake.texts().get(0)).path("ref").asText();
    r.onText(fake, "{\"type\":\"pong\",\"ref\":\"" + ref + "\"}", true);

    assertThat(pong.get(1, TimeUnit.SECONDS).path("type").asText()).isEqualTo("pong");
    assertThat(order).containsExactly("raw ready", "typed ready", "raw pong", "typed pong");
  }

  @Test
  void eachText_requestsOneMore() {
    long before = ws.requested();
    reader.onText(ws, "{\"type\":", false);
    reader.onText(ws, "\"pong\"}", true);

    assertThat(ws.requested()).isEqualTo(before + 2);
  }

  @Test
  void nonJsonText_isRecordedAsText() {
    receive("hello?");

    assertThat(recording.frames()).last().satisfies(f -> assertThat(f.isTextual()).isTrue());
  }

  @Test
  void sends_waitForThePreviousOne() {
    ws.holdSends();
    socket.typing("c1", "start");
    socket.typing("c1", "stop");
    assertThat(ws.texts()).hasSize(1);

    ws.completeSend(0);

    assertThat(ws.texts()).hasSize(2);
    assertThat(lastSent().path("state").asText()).isEqualTo("stop");
  }

  @Test
  void serverClose_failsPendingRequests_andCompletesCloseCode() throws Exception {
    CompletableFuture<JsonNode> reply = socket.request(Json.object().put("type", "sync"));
    reader.onClose(ws, 4001, "revoked");

    assertThat(socket.closeCode().get()).isEqualTo(4001);
    assertThat(socket.isOpen()).isFalse();
    assertThat(closes).containsExactly(4001);
    assertThatThrownBy(reply::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> recording.awaitType("message", Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_sendsNormalClosure_andWaitsForTheAnswer() throws Exception {
    ws.onSendClose(code -> reader.onClose(ws, code, ""));

    socket.close();
    socket.close();

    assertThat(ws.closes).containsExactly(1000);
    assertThat(socket.closeCode().get()).isEqualTo(1000);
    assertThat(ws.aborted()).isFalse();
  }

  @Test
  void error_completesCloseCodeWithMinusOne() throws Exception {
    reader.onError(ws, new java.io.IOException("reset"));

    assertThat(socket.closeCode().get()).isEqualTo(-1);
  }
}
