package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import dev.messenger.client.MemberView;
import dev.messenger.client.MessageView;
import dev.messenger.client.ServerFrames;
import dev.messenger.client.UpdateView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the chat shows messages that change (PROTOCOL.md section 4). */
class ChatChangesTest {
  /** 2024-05-01T12:00:00Z. */
  private static final long NOON = 1714564800000L;

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOON), ZoneOffset.UTC);
  private static final Map<String, String> NAMES = Map.of("u2", "bob");

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

  private static ObjectNode message(long seq, String sender, String body) {
    return Json.object()
        .put("type", "message")
        .put("conversationId", "c1")
        .put("seq", seq)
        .put("senderId", sender)
        .put("clientId", "k" + seq)
        .put("ts", NOON + seq * 60_000)
        .put("kind", "text")
        .put("body", body);
  }

  private static ObjectNode entry(long seq, String by, String action, long target, String arg) {
    ObjectNode e = message(seq, by, "").put("kind", "update").putNull("clientId");
    ObjectNode u = e.putObject("update").put("action", action).put("target", target);
    if ("edited".equals(action)) {
      u.put("body", arg);
    } else if (arg != null) {
      u.put("emoji", arg);
    }
    return e;
  }

  private static JsonNode updated(String ref, long target, Long seq) {
    ObjectNode f =
        Json.object()
            .put("type", "updated")
            .put("ref", ref)
            .put("conversationId", "c1")
            .put("target", target);
    return seq == null ? f.putNull("seq") : f.put("seq", seq);
  }

  @Test
  void liveEntries_foldOntoTheMessage_whichIsPrintedAgain() {
    ChatState s = direct();
    assertThat(on(s, message(1, "u2", "helo"))).containsExactly("[12:01] #1 bob: helo");

    assertThat(on(s, entry(2, "u2", "edited", 1, "hello")))
        .containsExactly("[12:01] #1 bob: hello (edited)");
    assertThat(on(s, entry(3, "u2", "reacted", 1, "👍")))
        .containsExactly("[12:01] #1 bob: hello (edited) [👍 1]");
    assertThat(on(s, entry(4, "u2", "reacted", 1, "❤️")))
        .containsExactly("[12:01] #1 bob: hello (edited) [👍 1  ❤️ 1]");
    assertThat(on(s, entry(5, "u2", "deleted", 1, null)))
        .containsExactly("[12:01] #1 bob: (message deleted)");
    assertThat(s.lastSeq()).isEqualTo(5);
    assertThat(on(s, entry(5, "u2", "deleted", 1, null))).isEmpty();
  }

  @Test
  void entriesForMessagesNotOnScreen_andPins_areOneLine() {
    ChatState s = direct();
    on(s, message(1, "u2", "look at this"));

    assertThat(on(s, entry(10, "u2", "reacted", 7, "👍")))
        .containsExactly("[12:10] * bob reacted 👍 to #7");
    assertThat(on(s, entry(11, "u2", "edited", 8, "new words")))
        .containsExactly("[12:11] * bob edited #8: \"new words\"");
    assertThat(on(s, entry(12, "u2", "pinned", 1, null)))
        .containsExactly("[12:12] * bob pinned #1: look at this");
  }

  @Test
  void ownChange_isAppliedWhenUpdatedCarriesASeq() {
    ChatState s = direct();
    on(s, message(1, "u1", "mine"));
    s.expectChange("r1", new UpdateView("edited", 1, "mine, fixed", null));
    assertThat(s.awaitingReplies()).isTrue();

    assertThat(on(s, updated("r1", 1, 2L)))
        .containsExactly("[12:01] #1 me: mine, fixed (edited) ✓");
    assertThat(s.awaitingReplies()).isFalse();
    assertThat(s.lastSeq()).isEqualTo(2);

    s.expectChange("r2", new UpdateView("reacted", 1, null, "👍"));
    on(s, updated("r2", 1, 3L));
    s.expectChange("r3", new UpdateView("reacted", 1, null, "👍"));
    assertThat(on(s, updated("r3", 1, null))).containsExactly("* nothing changed on #1");
  }

  @Test
  void refusedChange_saysWhy() {
    ChatState s = direct();
    s.expectChange("r1", new UpdateView("edited", 1, "x", null));

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "error")
                    .put("ref", "r1")
                    .put("code", "forbidden")
                    .put("message", "only the sender edits")))
        .containsExactly("! #1 not edited (forbidden: only the sender edits)");
  }

  @Test
  void reply_quotesTheFirstLineOfWhatItAnswers() {
    ChatState s = direct();
    on(s, message(1, "u2", "are you coming?\nat five"));

    assertThat(on(s, message(2, "u1", "yes").put("replyTo", 1)))
        .containsExactly("  > #1 bob: are you coming?", "[12:02] #2 me: yes ✓");
  }

  @Test
  void reply_toAMessageNotOnScreen_asksTheLookup_orShowsTheNumber() {
    MessageView old = new MessageView("c1", 3, "u2", "k", NOON, "text", "old news", null, null);
    ChatState s = direct().withLookup(seq -> seq == 3 ? old : null);

    assertThat(on(s, message(8, "u2", "see above").put("replyTo", 3)))
        .containsExactly("  > #3 bob: old news", "[12:08] #8 bob: see above");
    assertThat(on(s, message(9, "u2", "and that").put("replyTo", 2)))
        .containsExactly("  > #2", "[12:09] #9 bob: and that");
  }

  @Test
  void ownReply_showsItsQuoteOnceSent() {
    ChatState s = direct();
    on(s, message(1, "u2", "lunch?"));
    s.expectReply("r1", "k", "sure", 1L, false);

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "sent")
                    .put("ref", "r1")
                    .put("conversationId", "c1")
                    .put("seq", 2)
                    .put("ts", NOON)))
        .containsExactly("  > #1 bob: lunch?", "[12:00] #2 me: sure ✓");
  }

  @Test
  void history_showsCurrentState_andOfItsEntriesOnlyPins() {
    ChatState s = direct();
    ObjectNode first =
        message(1, "u2", "hello").put("editedAt", NOON + 2 * 60_000).put("forwarded", true);
    first
        .putArray("reactions")
        .addObject()
        .put("emoji", "👍")
        .put("count", 1)
        .putArray("userIds")
        .add("u1");
    ObjectNode mention = message(4, "u2", "hey you");
    mention.putArray("mentions").add("u1");

    List<String> lines =
        page(
            s,
            Json.MAPPER
                .createArrayNode()
                .add(first)
                .add(entry(2, "u2", "edited", 1, "hello"))
                .add(entry(3, "u1", "pinned", 1, null))
                .add(mention));

    assertThat(lines)
        .containsExactly(
            "[12:01] #1 bob: [forwarded] hello (edited) [👍 1]",
            "[12:03] * you pinned #1",
            "[12:04] #4 bob: hey you [@you]");
    assertThat(s.lastSeq()).isEqualTo(4);
  }

  @Test
  void forwardElsewhere_isConfirmed() {
    ChatState s = direct();
    s.expectForward("f1", "#1 to carol");

    assertThat(
            on(
                s,
                Json.object()
                    .put("type", "sent")
                    .put("ref", "f1")
                    .put("conversationId", "c9")
                    .put("seq", 4)
                    .put("ts", NOON)))
        .containsExactly("* forwarded #1 to carol");
  }

  @Test
  void conversationFrame_saysWhatTheUserNowKeeps() {
    ChatState s = direct();
    ObjectNode summary =
        Json.object()
            .put("id", "c1")
            .put("kind", "direct")
            .put("lastSeq", 3)
            .put("createdAt", 1)
            .put("mutedUntil", NOON + 3_600_000)
            .put("archived", true)
            .put("clearedSeq", 3);
    JsonNode frame = Json.object().put("type", "conversation").set("conversation", summary);

    assertThat(on(s, frame))
        .containsExactly("* this chat is now muted until 13:00, archived, cleared up to #3");
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
