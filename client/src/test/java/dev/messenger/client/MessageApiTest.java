package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Methods, paths and bodies of the section 4 and 5 routes (a real node: ClientChangesE2ETest). */
@Timeout(20)
class MessageApiTest {
  private static final String MESSAGE =
      "{\"conversationId\":\"c 1\",\"seq\":5,\"senderId\":\"u1\",\"clientId\":\"k\",\"ts\":1,"
          + "\"kind\":\"text\",\"body\":\"new\",\"editedAt\":2}";
  private static final String SUMMARY =
      "{\"id\":\"c 1\",\"kind\":\"direct\",\"lastSeq\":5,\"members\":[],\"createdAt\":1,"
          + "\"pinned\":[],\"unreadCount\":0,\"archived\":false,\"clearedSeq\":0}";

  private FakeHttpServer server;
  private MessageApi api;

  @BeforeEach
  void start() throws Exception {
    server = new FakeHttpServer();
    api = new MessengerClient(server.uri()).withToken("t").messages();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void expect(String method, String pathAndQuery) {
    FakeHttpServer.Request r = server.last();
    assertThat(r.method() + " " + r.pathAndQuery()).isEqualTo(method + " " + pathAndQuery);
    assertThat(r.authorization()).isEqualTo("Bearer t");
  }

  @Test
  void getAndEdit_answerTheMessage() {
    server.answer(200, MESSAGE).answer(200, MESSAGE);

    assertThat(api.get("c 1", 5).body()).isEqualTo("new");
    expect("GET", "/api/v1/conversations/c%201/messages/5");
    MessageView edited = api.edit("c 1", 5, "new");
    expect("PATCH", "/api/v1/conversations/c%201/messages/5");
    assertThat(Json.parse(server.last().body())).isEqualTo(Json.object().put("body", "new"));
    assertThat(edited.editedAt()).isEqualTo(2L);
  }

  @Test
  void deleteReactPin_useTheirRoutes_withThePercentEncodedEmoji() {
    server.answer(204, "").answer(204, "").answer(204, "").answer(204, "").answer(204, "");

    api.delete("c1", 5);
    expect("DELETE", "/api/v1/conversations/c1/messages/5");
    api.react("c1", 5, "👍");
    expect("PUT", "/api/v1/conversations/c1/messages/5/reactions/%F0%9F%91%8D");
    api.unreact("c1", 5, "👍");
    expect("DELETE", "/api/v1/conversations/c1/messages/5/reactions/%F0%9F%91%8D");
    api.pin("c1", 5);
    expect("PUT", "/api/v1/conversations/c1/pins/5");
    api.unpin("c1", 5);
    expect("DELETE", "/api/v1/conversations/c1/pins/5");
  }

  @Test
  void readBy_readsBothLists() {
    server.answer(200, "{\"delivered\":[\"u2\",\"u3\"],\"read\":[\"u2\"]}");

    assertThat(api.readBy("c1", 5)).isEqualTo(new ReadByView(List.of("u2", "u3"), List.of("u2")));
    expect("GET", "/api/v1/conversations/c1/messages/5/receipts");
  }

  @Test
  void settingsAndClear_sendTheirPatches() {
    server.answer(200, SUMMARY).answer(200, SUMMARY).answer(200, SUMMARY).answer(204, "");

    api.mute("c1", 5000);
    expect("PATCH", "/api/v1/conversations/c1/settings");
    assertThat(Json.parse(server.last().body())).isEqualTo(Json.object().put("mutedUntil", 5000));
    api.unmute("c1");
    assertThat(Json.parse(server.last().body())).isEqualTo(Json.object().putNull("mutedUntil"));
    ConversationView c = api.archive("c1", true);
    assertThat(Json.parse(server.last().body())).isEqualTo(Json.object().put("archived", true));
    assertThat(c.id()).isEqualTo("c 1");
    api.clear("c1", 5);
    expect("POST", "/api/v1/conversations/c1/clear");
    assertThat(Json.parse(server.last().body())).isEqualTo(Json.object().put("seq", 5));
  }

  @Test
  void post_sendsReplyMentionsOrForward_withoutTheConversationInTheBody() {
    server.answer(201, MESSAGE).answer(201, MESSAGE);

    api.post(OutgoingMessage.text("c1", "k", "yes").withReplyTo(3).withMentions(List.of("u2")));
    expect("POST", "/api/v1/conversations/c1/messages");
    assertThat(Json.parse(server.last().body()))
        .isEqualTo(
            Json.parse(
                "{\"clientId\":\"k\",\"body\":\"yes\",\"replyTo\":3,\"mentions\":[\"u2\"]}"));
    api.post(OutgoingMessage.forward("c2", "k2", "c1", 5));
    expect("POST", "/api/v1/conversations/c2/messages");
    assertThat(Json.parse(server.last().body()))
        .isEqualTo(
            Json.parse("{\"clientId\":\"k2\",\"forward\":{\"conversationId\":\"c1\",\"seq\":5}}"));
    assertThatThrownBy(() -> api.post(OutgoingMessage.toUser("u2", "k3", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusals_areApiExceptions() {
    server.answer(409, "{\"error\":{\"code\":\"conflict\",\"message\":\"deleted\"}}");

    assertThatThrownBy(() -> api.edit("c1", 5, "x"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("conflict"));
  }
}
