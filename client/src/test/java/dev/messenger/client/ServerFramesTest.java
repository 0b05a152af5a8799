package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ServerFrames#parse}: one record per frame type of docs/asyncapi.json. */
class ServerFramesTest {
  @Test
  void everyServerFrameType_parsesToItsRecord() {
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"ready\",\"userId\":\"u1\",\"deviceId\":\"d1\",\"protocol\":2,"
                    + "\"serverTime\":5}"))
        .isEqualTo(new ServerFrame.Ready(null, "u1", "d1", 2, 5));
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"sent\",\"ref\":\"r1\",\"clientId\":\"k\",\"conversationId\":\"c\","
                    + "\"seq\":3,\"ts\":9}"))
        .isEqualTo(new ServerFrame.Sent("r1", "k", "c", 3, 9));
    ServerFrame m =
        ServerFrames.parse(
            "{\"type\":\"message\",\"conversationId\":\"c\",\"seq\":4,\"senderId\":\"u2\","
                + "\"clientId\":\"k\",\"ts\":1,\"kind\":\"system\",\"event\":{\"action\":"
                + "\"renamed\",\"by\":\"u2\",\"name\":\"Trip\"}}");
    assertThat(m).isInstanceOf(ServerFrame.Message.class);
    ServerFrame.Message message = (ServerFrame.Message) m;
    assertThat(message.seq()).isEqualTo(4);
    assertThat(message.message().event()).isEqualTo(new EventView("renamed", null, "u2", "Trip"));
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"receipt\",\"conversationId\":\"c\",\"userId\":\"u2\","
                    + "\"status\":\"read\",\"seq\":4}"))
        .isEqualTo(new ServerFrame.Receipt(null, "c", "u2", "read", 4));
    ServerFrame h =
        ServerFrames.parse(
            "{\"type\":\"history\",\"ref\":\"r2\",\"conversationId\":\"c\",\"hasMore\":true,"
                + "\"messages\":[{\"conversationId\":\"c\",\"seq\":1,\"senderId\":\"u1\","
                + "\"kind\":\"text\",\"body\":\"hi\",\"ts\":1}]}");
    assertThat(((ServerFrame.History) h).page().messages()).hasSize(1);
    assertThat(((ServerFrame.History) h).hasMore()).isTrue();
    ServerFrame s =
        ServerFrames.parse(
            "{\"type\":\"synced\",\"ref\":\"r3\",\"conversations\":[{\"id\":\"c\","
                + "\"kind\":\"direct\",\"lastSeq\":2,\"members\":[]}]}");
    assertThat(((ServerFrame.Synced) s).conversations())
        .extracting(ConversationView::id)
        .containsExactly("c");
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"updated\",\"ref\":\"r4\",\"conversationId\":\"c\",\"target\":1,"
                    + "\"seq\":null}"))
        .isEqualTo(new ServerFrame.Updated("r4", new UpdatedView("r4", "c", 1, null)));
    ServerFrame c =
        ServerFrames.parse(
            "{\"type\":\"conversation\",\"conversation\":{\"id\":\"c\",\"kind\":\"group\","
                + "\"archived\":true}}");
    assertThat(((ServerFrame.Conversation) c).conversation().archived()).isTrue();
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"typing\",\"conversationId\":\"c\",\"userId\":\"u2\","
                    + "\"state\":\"start\"}"))
        .isEqualTo(new ServerFrame.Typing(null, "c", "u2", "start"));
    assertThat(
            ServerFrames.parse(
                "{\"type\":\"presence\",\"userId\":\"u2\",\"status\":\"offline\",\"lastSeen\":7}"))
        .isEqualTo(new ServerFrame.Presence(null, new PresenceView("u2", "offline", 7)));
    assertThat(ServerFrames.parse("{\"type\":\"pong\",\"ref\":\"p\"}"))
        .isEqualTo(new ServerFrame.Pong("p"));
    ServerFrame e =
        ServerFrames.parse(
            "{\"type\":\"error\",\"ref\":\"r5\",\"code\":\"forbidden\",\"message\":\"no\"}");
    assertThat(e).isEqualTo(new ServerFrame.Error("r5", "forbidden", "no"));
    assertThat(((ServerFrame.Error) e).toException().status()).isEqualTo(403);
  }

  @Test
  void unknownTypes_andNonJson_areKeptRaw() {
    ServerFrame future = ServerFrames.parse("{\"type\":\"hologram\",\"ref\":\"r\",\"x\":1}");
    assertThat(future).isInstanceOf(ServerFrame.Unknown.class);
    assertThat(future.type()).isEqualTo("hologram");
    assertThat(future.ref()).isEqualTo("r");
    assertThat(((ServerFrame.Unknown) future).raw().path("x").asInt()).isEqualTo(1);

    ServerFrame text = ServerFrames.parse("not json");
    assertThat(text).isInstanceOf(ServerFrame.Unknown.class);
    assertThat(((ServerFrame.Unknown) text).raw().asText()).isEqualTo("not json");
    assertThat(ServerFrames.parse("[1,2]")).isInstanceOf(ServerFrame.Unknown.class);
    assertThat(ServerFrames.parse("{\"no\":\"type\"}").type()).isNull();
  }
}
