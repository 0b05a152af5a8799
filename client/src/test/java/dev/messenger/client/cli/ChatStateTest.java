package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import dev.messenger.client.MemberView;
import dev.messenger.client.MessageView;
import dev.messenger.client.ServerFrames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatStateTest {
  /** 2024-05-01T12:00:00Z. */
  private static final long NOON = 1714564800000L;

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOON), ZoneOffset.UTC);
  private static final Map<String, String> NAMES = Map.of("u2", "bob", "u3", "carol");

  private static ChatState direct() {
    ConversationView c =
        new ConversationView(
            "c1",
            "direct",
            null,
            0,
            null,
            List.of(new MemberView("u1", "member", 0, 0), new MemberView("u2", "member", 0, 0)),
            1);
    return new ChatState("u1", c, NAMES::get, CLOCK);
  }

  private static ChatState group() {
    ConversationView c =
        new ConversationView(
            "g1",
            "group",
            "team",
            0,
            null,
            List.of(
                new MemberView("u1", "admin", 0, 0),
                new MemberView("u2", "member", 0, 0),
                new MemberView("u3", "member", 0, 0)),
            1);
    return new ChatState("u1", c, NAMES::get, CLOCK);
  }

  private static JsonNode message(String conv, long seq, String sender, String body) {
    return Json.object()
        .put("type", "message")
        .put("conversationId", conv)
        .put("seq", seq)
        .put("senderId", sender)
        .put("clientId", "k" + seq)
        .put("ts", NOON + seq * 60_000)
        .put("kind", "text")
        .put("body", body);
  }

  private static JsonNode receipt(String conv, String user, String status, long seq) {
    return Json.object()
        .put("type", "receipt")
        .put("conversationId", conv)
        .put("userId", user)
        .put("status", status)
        .put("seq", seq);
  }

  @Test
  void history_showsPeerAndOwnMessagesWithTicks() {
    ChatState s = direct();

    List<String> lines =
        page(
            s,
            Json.MAPPER
                .createArrayNode()
                .add(message("c1", 1, "u2", "hi"))
                .add(message("c1", 2, "u1", "hey")));

    assertThat(lines).containsExactly("[12:01] #1 bob: hi", "[12:02] #2 me: hey ✓");
    assertThat(s.lastSeq()).isEqualTo(2);
  }

  @Test
  void sentReply_printsOwnMessage_thenTicksFollowReceipts() {
    ChatState s = direct();
    s.expectReply("r1", "k1", "hello");
    assertThat(s.awaitingReplies()).isTrue();

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "sent")
                    .put("ref", "r1")
                    .put("clientId", "k1")
                    .put("conversationId", "c1")
                    .put("seq", 3)
                    .put("ts", NOON)))
        .containsExactly("[12:00] #3 me: hello ✓");
    assertThat(s.awaitingReplies()).isFalse();
    assertThat(on(s, receipt("c1", "u2", "delivered", 3))).containsExactly("* #3 ✓✓");
    assertThat(on(s, receipt("c1", "u2", "delivered", 3))).isEmpty();
    assertThat(on(s, receipt("c1", "u2", "read", 3))).containsExactly("* #3 ✓✓ read");
  }

  @Test
  void receipt_coveringSeveralOwnMessages_printsOnlyTheChange_onOneLine() {
    ChatState s = direct();
    page(
        s,
        Json.MAPPER
            .createArrayNode()
            .add(message("c1", 1, "u1", "one"))
            .add(message("c1", 2, "u2", "theirs"))
            .add(message("c1", 3, "u1", "three")));

    assertThat(on(s, receipt("c1", "u2", "read", 3))).containsExactly("* #1 #3 ✓✓ read");
  }

  @Test
  void ownRemoval_fromTheGroup_marksTheChatRemoved_untilAddedAgain() {
    ChatState s = group();
    assertThat(s.removed()).isFalse();
    on(s, system("g1", 5, "u2", "member_removed", "u1"));
    assertThat(s.removed()).isTrue();
    on(s, system("g1", 6, "u2", "member_added", "u1"));
    assertThat(s.removed()).isFalse();
    on(s, system("g1", 7, "u3", "member_removed", "u2"));
    assertThat(s.removed()).as("someone else's removal").isFalse();
  }

  private static JsonNode system(String conv, long seq, String by, String action, String user) {
    ObjectNode m = ((ObjectNode) message(conv, seq, by, null)).put("kind", "system");
    m.remove("body");
    m.putObject("event").put("action", action).put("userId", user).put("by", by);
    return m;
  }

  @Test
  void ownReceipts_fromOtherDevices_changeNoTicks() {
    ChatState s = direct();
    page(s, Json.MAPPER.createArrayNode().add(message("c1", 1, "u1", "x")));

    assertThat(on(s, receipt("c1", "u1", "read", 1))).isEmpty();
  }

  @Test
  void group_countsReaders_andNeedsAllForDelivered() {
    ChatState s = group();
    page(s, Json.MAPPER.createArrayNode().add(message("g1", 1, "u1", "hi all")));

    assertThat(on(s, receipt("g1", "u2", "delivered", 1))).isEmpty();
    assertThat(on(s, receipt("g1", "u3", "delivered", 1))).containsExactly("* #1 ✓✓");
    assertThat(on(s, receipt("g1", "u2", "read", 1))).containsExactly("* #1 ✓✓ read by 1");
    assertThat(on(s, receipt("g1", "u3", "read", 1))).containsExactly("* #1 ✓✓ read by 2");
  }

  @Test
  void errorReply_toASend_saysNotSent() {
    ChatState s = direct();
    s.expectReply("r9", "k9", "way too long");

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "error")
                    .put("ref", "r9")
                    .put("code", "too_large")
                    .put("message", "body too long")))
        .containsExactly("! not sent (too_large: body too long): way too long");
  }

  @Test
  void duplicateMessages_areShownOnce_andOtherConversationsBriefly() {
    ChatState s = direct();

    assertThat(on(s, message("c1", 1, "u2", "a"))).hasSize(1);
    assertThat(on(s, message("c1", 1, "u2", "a"))).isEmpty();
    assertThat(on(s, message("c9", 5, "u3", "psst")))
        .containsExactly("* new message from carol in another conversation (c9)");
  }

  @Test
  void presence_printsChangesOnly() {
    ChatState s = direct();
    JsonNode online =
        Json.object()
            .put("type", "presence")
            .put("userId", "u2")
            .put("status", "online")
            .put("lastSeen", NOON);
    JsonNode offline =
        Json.object()
            .put("type", "presence")
            .put("userId", "u2")
            .put("status", "offline")
            .put("lastSeen", NOON - 30 * 60_000);

    assertThat(on(s, online)).containsExactly("* bob is online");
    assertThat(on(s, online)).isEmpty();
    assertThat(on(s, offline)).containsExactly("* bob was last seen 11:30");
  }

  @Test
  void typingStart_fromPeer_isShown() {
    ChatState s = direct();

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "typing")
                    .put("conversationId", "c1")
                    .put("userId", "u2")
                    .put("state", "start")))
        .containsExactly("* bob is typing…");
    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "typing")
                    .put("conversationId", "c1")
                    .put("userId", "u2")
                    .put("state", "stop")))
        .isEmpty();
  }

  @Test
  void typing_isSaidOncePerSpell_againAfterAStopOrAMessage() {
    ChatState s = direct();
    JsonNode start = typingFrame("u2", "start");

    assertThat(on(s, start)).containsExactly("* bob is typing…");
    assertThat(on(s, start)).as("the peer's start repeated while typing").isEmpty();
    on(s, typingFrame("u2", "stop"));
    assertThat(on(s, start)).containsExactly("* bob is typing…");
    on(s, message("c1", 1, "u2", "done"));
    assertThat(on(s, start)).containsExactly("* bob is typing…");
  }

  private static JsonNode typingFrame(String user, String state) {
    return Json.object()
        .put("type", "typing")
        .put("conversationId", "c1")
        .put("userId", user)
        .put("state", state);
  }

  @Test
  void systemMessages_readAsSentences_andUpdateMembers() {
    ChatState s = group();
    JsonNode added = message("g1", 2, "u1", "");
    ((com.fasterxml.jackson.databind.node.ObjectNode) added).put("kind", "system");
    ((com.fasterxml.jackson.databind.node.ObjectNode) added)
        .putObject("event")
        .put("action", "member_removed")
        .put("userId", "u3")
        .put("by", "u1");

    assertThat(on(s, added)).containsExactly("[12:02] * you removed carol");
    assertThat(s.peers()).containsExactly("u2");
  }

  @Test
  void peers_areTheOtherMembers() {
    assertThat(group().peers()).containsExactly("u2", "u3");
    assertThat(direct().ticks(1)).isEqualTo("✓");
  }

  private static List<String> on(ChatState s, JsonNode frame) {
    return s.onFrame(ServerFrames.parse(frame));
  }

  private static List<String> page(ChatState s, JsonNode messages) {
    List<MessageView> list = new ArrayList<>();
    messages.forEach(m -> list.add(MessageView.fromJson(m)));
    return s.messages(list);
  }
}
