package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The version 2 fields of messages and summaries (PROTOCOL.md sections 4 and 5) and the fold. */
class ChangesViewsTest {
  private static MessageView text(long seq, String sender, String body) {
    return new MessageView("c1", seq, sender, "k" + seq, 1000 * seq, "text", body, null, null);
  }

  private static MessageView entry(long seq, String by, UpdateView u) {
    return MessageView.fromJson(
        Json.parse(
            "{\"conversationId\":\"c1\",\"seq\":"
                + seq
                + ",\"senderId\":\""
                + by
                + "\",\"clientId\":null,\"ts\":"
                + 1000 * seq
                + ",\"kind\":\"update\",\"body\":\"\",\"update\":"
                + Json.write(u)
                + "}"));
  }

  @Test
  void message_readsReplyMentionsForwardEditReactionsAndDelete() {
    MessageView m =
        MessageView.fromJson(
            Json.parse(
                "{\"conversationId\":\"c1\",\"seq\":5,\"senderId\":\"u1\",\"clientId\":\"k\","
                    + "\"ts\":9,\"kind\":\"text\",\"body\":\"hi\",\"replyTo\":3,"
                    + "\"mentions\":[\"u2\"],\"forwarded\":true,\"editedAt\":11,"
                    + "\"reactions\":[{\"emoji\":\"👍\",\"count\":2,\"userIds\":[\"u2\",\"u3\"]}]}"));

    assertThat(m.replyTo()).isEqualTo(3L);
    assertThat(m.mentions()).containsExactly("u2");
    assertThat(m.forwarded()).isTrue();
    assertThat(m.isEdited()).isTrue();
    assertThat(m.editedAt()).isEqualTo(11L);
    assertThat(m.deleted()).isFalse();
    assertThat(m.reactions()).containsExactly(new ReactionView("👍", 2, List.of("u2", "u3")));
    assertThat(m.reactedBy("👍")).containsExactly("u2", "u3");
    assertThat(m.update()).isNull();
  }

  @Test
  void plainMessage_hasNoneOfTheNewFields() {
    MessageView m = text(1, "u1", "x");

    assertThat(m.replyTo()).isNull();
    assertThat(m.mentions()).isEmpty();
    assertThat(m.isEdited()).isFalse();
    assertThat(m.reactions()).isEmpty();
    assertThat(m.isUpdate()).isFalse();
  }

  @Test
  void updateEntry_readsItsUpdate() {
    MessageView e = entry(7, "u2", new UpdateView("reacted", 5, null, "❤️"));

    assertThat(e.isUpdate()).isTrue();
    assertThat(e.clientId()).isNull();
    assertThat(e.update()).isEqualTo(new UpdateView("reacted", 5, null, "❤️"));
  }

  @Test
  void fold_editReactUnreactDelete_endsAsTheServerHasIt() {
    MessageView m = text(1, "u1", "helo");

    m = m.applied(entry(2, "u1", new UpdateView("edited", 1, "hello", null)));
    assertThat(m.body()).isEqualTo("hello");
    assertThat(m.editedAt()).isEqualTo(2000L);

    m = m.applied(entry(3, "u2", new UpdateView("reacted", 1, null, "👍")));
    m = m.applied(entry(4, "u3", new UpdateView("reacted", 1, null, "❤️")));
    m = m.applied(entry(5, "u3", new UpdateView("reacted", 1, null, "👍")));
    assertThat(m.reactions())
        .containsExactly(
            new ReactionView("👍", 2, List.of("u2", "u3")),
            new ReactionView("❤️", 1, List.of("u3")));

    m = m.applied(entry(6, "u2", new UpdateView("unreacted", 1, null, "👍")));
    m = m.applied(entry(7, "u3", new UpdateView("unreacted", 1, null, "❤️")));
    assertThat(m.reactions()).containsExactly(new ReactionView("👍", 1, List.of("u3")));

    MessageView pinned = m.applied(entry(8, "u1", new UpdateView("pinned", 1, null, null)));
    assertThat(pinned).isEqualTo(m);

    m = m.applied(entry(9, "u1", new UpdateView("deleted", 1, null, null)));
    assertThat(m.deleted()).isTrue();
    assertThat(m.body()).isEmpty();
    assertThat(m.reactions()).isEmpty();
    assertThat(m.editedAt()).isEqualTo(2000L);
  }

  @Test
  void fold_refusesWhatIsNotAnEntryForThisMessage() {
    MessageView m = text(1, "u1", "x");

    assertThatThrownBy(() -> m.applied(text(2, "u1", "y")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.applied(entry(3, "u1", new UpdateView("edited", 2, "z", null))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summary_readsPinnedUnreadMuteArchiveAndCleared() {
    ConversationView c =
        ConversationView.fromJson(
            Json.parse(
                "{\"id\":\"c1\",\"kind\":\"direct\",\"lastSeq\":9,\"members\":[],\"createdAt\":1,"
                    + "\"pinned\":[2,5],\"unreadCount\":4,\"mutedUntil\":5000,"
                    + "\"archived\":true,\"clearedSeq\":3}"));

    assertThat(c.pinned()).containsExactly(2L, 5L);
    assertThat(c.unreadCount()).isEqualTo(4);
    assertThat(c.mutedUntil()).isEqualTo(5000L);
    assertThat(c.isMuted(4999)).isTrue();
    assertThat(c.isMuted(5000)).isFalse();
    assertThat(c.archived()).isTrue();
    assertThat(c.clearedSeq()).isEqualTo(3);
  }

  @Test
  void summary_withoutMute_isNotMuted() {
    ConversationView c =
        ConversationView.fromJson(
            Json.parse("{\"id\":\"c1\",\"kind\":\"direct\",\"lastSeq\":0,\"createdAt\":1}"));

    assertThat(c.mutedUntil()).isNull();
    assertThat(c.isMuted(0)).isFalse();
    assertThat(c.pinned()).isEmpty();
  }

  @Test
  void updated_readsSeqOrNull_andErrorFramesThrow() {
    assertThat(
            UpdatedView.fromFrame(
                Json.parse(
                    "{\"type\":\"updated\",\"ref\":\"r\",\"conversationId\":\"c1\","
                        + "\"target\":4,\"seq\":9}")))
        .isEqualTo(new UpdatedView("r", "c1", 4, 9L));
    UpdatedView noop =
        UpdatedView.fromFrame(
            Json.parse(
                "{\"type\":\"updated\",\"ref\":\"r\",\"conversationId\":\"c1\","
                    + "\"target\":4,\"seq\":null}"));
    assertThat(noop.changed()).isFalse();
    assertThatThrownBy(
            () ->
                UpdatedView.fromFrame(
                    Json.parse(
                        "{\"type\":\"error\",\"ref\":\"r\",\"code\":\"forbidden\","
                            + "\"message\":\"not yours\"}")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.code()).isEqualTo("forbidden");
            });
  }

  @Test
  void outgoing_toJson_leavesOutWhatIsNotGiven() {
    assertThat(OutgoingMessage.text("c1", "k", "hi").toJson())
        .isEqualTo(
            Json.object().put("clientId", "k").put("conversationId", "c1").put("body", "hi"));
    var reply = OutgoingMessage.text("c1", "k", "hi").withReplyTo(3).withMentions(List.of("u2"));
    assertThat(reply.toJson().path("replyTo").asLong()).isEqualTo(3);
    assertThat(reply.toJson().path("mentions").get(0).asText()).isEqualTo("u2");
    var fwd = OutgoingMessage.forward("c2", "k", "c1", 5).toJson();
    assertThat(fwd.has("body")).isFalse();
    assertThat(fwd.path("forward"))
        .isEqualTo(Json.object().put("conversationId", "c1").put("seq", 5L));
    assertThatThrownBy(() -> new OutgoingMessage("c1", "u2", "k", "x", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
