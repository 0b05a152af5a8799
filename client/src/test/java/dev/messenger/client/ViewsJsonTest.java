package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsJsonTest {

  @Test
  void user_readsAllFields() {
    UserView u =
        UserView.fromJson(
            Json.parse("{\"id\":\"u1\",\"username\":\"alice\",\"displayName\":\"Alice\"}"));

    assertThat(u).isEqualTo(new UserView("u1", "alice", "Alice"));
  }

  @Test
  void login_readsFields_andHidesTokenInToString() {
    LoginResult r =
        LoginResult.fromJson(
            Json.parse("{\"token\":\"secret-token\",\"userId\":\"u1\",\"deviceId\":\"d1\"}"));

    assertThat(r).isEqualTo(new LoginResult("secret-token", "u1", "d1"));
    assertThat(r.toString()).doesNotContain("secret-token").contains("u1", "d1");
  }

  @Test
  void contact_withPresence_takesContactIdAsPresenceUser() {
    ContactView c =
        ContactView.fromJson(
            Json.parse(
                "{\"id\":\"u2\",\"username\":\"bob\",\"displayName\":\"Bob\","
                    + "\"presence\":{\"status\":\"offline\",\"lastSeen\":1700000000000}}"));

    assertThat(c.presence()).isEqualTo(new PresenceView("u2", "offline", 1700000000000L));
    assertThat(c.presence().online()).isFalse();
  }

  @Test
  void contact_withoutPresence_hasNullPresence() {
    ContactView c =
        ContactView.fromJson(
            Json.parse("{\"id\":\"u2\",\"username\":\"bob\",\"displayName\":\"Bob\"}"));

    assertThat(c).isEqualTo(new ContactView("u2", "bob", "Bob", null));
  }

  @Test
  void presenceFrame_readsUserStatusAndLastSeen() {
    PresenceView p =
        PresenceView.fromJson(
            Json.parse(
                "{\"type\":\"presence\",\"userId\":\"u2\",\"status\":\"online\",\"lastSeen\":5}"));

    assertThat(p).isEqualTo(new PresenceView("u2", "online", 5));
    assertThat(p.online()).isTrue();
  }

  @Test
  void textMessage_keepsIdsOfAttachedMediaObjects() {
    MessageView m =
        MessageView.fromJson(
            Json.parse(
                "{\"conversationId\":\"c1\",\"seq\":3,\"senderId\":\"u1\",\"clientId\":\"k1\","
                    + "\"ts\":1700000000123,\"kind\":\"text\",\"body\":\"hi\","
                    + "\"attachments\":[{\"id\":\"m1\",\"mime\":\"image/png\",\"size\":10},"
                    + "{\"id\":\"m2\"}]}"));

    assertThat(m)
        .isEqualTo(
            new MessageView(
                "c1", 3, "u1", "k1", 1700000000123L, "text", "hi", List.of("m1", "m2"), null));
    assertThat(m.isSystem()).isFalse();
  }

  @Test
  void systemMessage_readsEvent_andNullClientId() {
    MessageView m =
        MessageView.fromJson(
            Json.parse(
                "{\"type\":\"message\",\"conversationId\":\"c1\",\"seq\":2,\"senderId\":\"u1\","
                    + "\"clientId\":null,\"ts\":1,\"kind\":\"system\",\"body\":\"\","
                    + "\"event\":{\"action\":\"member_added\",\"userId\":\"u3\",\"by\":\"u1\"}}"));

    assertThat(m.clientId()).isNull();
    assertThat(m.attachments()).isEmpty();
    assertThat(m.isSystem()).isTrue();
    assertThat(m.event()).isEqualTo(new EventView("member_added", "u3", "u1"));
  }

  @Test
  void summary_readsMembersAndLastMessage() {
    ConversationView c =
        ConversationView.fromJson(
            Json.parse(
                "{\"id\":\"c1\",\"kind\":\"group\",\"name\":\"team\",\"lastSeq\":7,"
                    + "\"lastMessage\":{\"conversationId\":\"c1\",\"seq\":7,\"senderId\":\"u2\","
                    + "\"clientId\":\"k7\",\"ts\":9,\"kind\":\"text\",\"body\":\"yo\"},"
                    + "\"members\":[{\"userId\":\"u1\",\"role\":\"admin\",\"deliveredSeq\":7,"
                    + "\"readSeq\":6},{\"userId\":\"u2\",\"role\":\"member\",\"deliveredSeq\":7,"
                    + "\"readSeq\":7}],\"createdAt\":1,\"lastActivity\":9}"));

    assertThat(c.id()).isEqualTo("c1");
    assertThat(c.isGroup()).isTrue();
    assertThat(c.name()).isEqualTo("team");
    assertThat(c.lastSeq()).isEqualTo(7);
    assertThat(c.lastMessage().body()).isEqualTo("yo");
    assertThat(c.members())
        .containsExactly(new MemberView("u1", "admin", 7, 6), new MemberView("u2", "member", 7, 7));
    assertThat(c.member("u2")).contains(new MemberView("u2", "member", 7, 7));
    assertThat(c.createdAt()).isEqualTo(1);
  }

  @Test
  void directSummary_withoutNameOrMessages_hasNulls() {
    ConversationView c =
        ConversationView.fromJson(
            Json.parse(
                "{\"id\":\"c2\",\"kind\":\"direct\",\"lastSeq\":0,\"members\":[],\"createdAt\":5}"));

    assertThat(c.name()).isNull();
    assertThat(c.lastMessage()).isNull();
    assertThat(c.isGroup()).isFalse();
  }

  @Test
  void historyFrame_readsMessagesAndHasMore() {
    HistoryPage page =
        HistoryPage.fromJson(
            Json.parse(
                "{\"type\":\"history\",\"ref\":\"r\",\"conversationId\":\"c1\",\"hasMore\":true,"
                    + "\"messages\":[{\"conversationId\":\"c1\",\"seq\":1,\"senderId\":\"u1\","
                    + "\"clientId\":\"a\",\"ts\":1,\"kind\":\"text\",\"body\":\"x\"}]}"));

    assertThat(page.hasMore()).isTrue();
    assertThat(page.messages()).extracting(MessageView::seq).containsExactly(1L);
  }

  @Test
  void parseOrText_keepsNonJsonAsText() {
    assertThat(Json.parseOrText("not json{").isTextual()).isTrue();
    assertThat(Json.parseOrText("{\"type\":\"pong\"}").path("type").asText()).isEqualTo("pong");
  }
}
