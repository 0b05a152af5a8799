package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ConversationView;
import dev.messenger.client.MemberView;
import dev.messenger.client.MessageView;
import dev.messenger.client.PresenceView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What an interactive chat shows, as lines of text: it turns frames into lines and remembers the
 * members' receipt cursors, so that each of the user's own messages is printed again whenever its
 * ticks change. No I/O, so it is tested with plain frames.
 *
 * <p>Ticks of an own message with seq S: {@code ✓} stored; {@code ✓✓} delivered (direct: the peer's
 * deliveredSeq >= S; group: every other member's); {@code ✓✓ read} (direct: the peer's readSeq >=
 * S) or {@code ✓✓ read by N} (group: N other members' readSeq >= S).
 *
 * <p>Not thread-safe: one thread feeds it.
 */
final class ChatState {
  /** How many own messages are followed for tick changes; older ones are forgotten. */
  static final int TRACKED_OWN_MESSAGES = 200;

  private static final String ME = "me";

  private final String me;
  private final ConversationView conversation;
  private final Function<String, String> names;
  private final Clock clock;
  private final Map<String, long[]> cursors = new LinkedHashMap<>(); // userId -> {delivered, read}
  private final Map<Long, Own> own = new LinkedHashMap<>();
  private final Map<String, Pending> pending = new HashMap<>(); // by ref
  private final Map<String, String> presence = new HashMap<>();
  private final Set<Long> shown = new HashSet<>();
  private long lastSeq;

  private record Own(long ts, String body, String ticks) {}

  private record Pending(String clientId, String body) {}

  /**
   * @param me the user of the chat
   * @param conversation the conversation shown, with its members' cursors
   * @param names user id to display name
   * @param clock zone and "today" for printed times
   */
  ChatState(String me, ConversationView conversation, Function<String, String> names, Clock clock) {
    this.me = me;
    this.conversation = conversation;
    this.names = names;
    this.clock = clock;
    for (MemberView m : conversation.members()) {
      cursors.put(m.userId(), new long[] {m.deliveredSeq(), m.readSeq()});
    }
  }

  String conversationId() {
    return conversation.id();
  }

  /** The other members (their presence is shown). */
  List<String> peers() {
    return cursors.keySet().stream().filter(id -> !id.equals(me)).toList();
  }

  /** Highest seq shown of this conversation, 0 when none. */
  long lastSeq() {
    return lastSeq;
  }

  /** True while some sent line has had no {@code sent} or {@code error} reply. */
  boolean awaitingReplies() {
    return !pending.isEmpty();
  }

  /** Remembers a {@code send} frame with {@code ref}, so that its reply can be shown. */
  void expectReply(String ref, String clientId, String body) {
    pending.put(ref, new Pending(clientId, body));
  }

  /**
   * Lines for raw messages (ascending seq), e.g. the {@code messages} of a {@code history} frame.
   */
  List<String> messages(JsonNode messages) {
    List<String> lines = new ArrayList<>();
    messages.forEach(m -> lines.addAll(message(m)));
    return lines;
  }

  /** Lines for messages (ascending seq), e.g. of an HTTP history page. */
  List<String> messages(List<MessageView> messages) {
    List<String> lines = new ArrayList<>();
    messages.forEach(m -> lines.addAll(message(m, null)));
    return lines;
  }

  /** Lines for one incoming frame; empty when it shows nothing. */
  List<String> onFrame(JsonNode frame) {
    switch (frame.path("type").asText("")) {
      case "message":
        return message(frame);
      case "sent":
        return sent(frame);
      case "receipt":
        return receipt(frame);
      case "presence":
        return presence(PresenceView.fromJson(frame));
      case "typing":
        return typing(frame);
      case "error":
        return error(frame);
      default:
        return List.of();
    }
  }

  private List<String> message(JsonNode raw) {
    return message(MessageView.fromJson(raw), raw.path("event").path("name").asText(null));
  }

  private List<String> message(MessageView m, String newName) {
    if (!conversation.id().equals(m.conversationId())) {
      return List.of(
          "* new message from "
              + name(m.senderId())
              + " in another conversation ("
              + m.conversationId()
              + ")");
    }
    if (!shown.add(m.seq())) {
      return List.of();
    }
    lastSeq = Math.max(lastSeq, m.seq());
    String at = "[" + Render.time(m.ts(), clock.getZone()) + "] ";
    if (m.isSystem()) {
      applyMembership(m);
      return List.of(at + "* " + Render.system(m, newName, this::who));
    }
    if (me.equals(m.senderId())) {
      return List.of(track(m.seq(), m.ts(), Render.text(m)));
    }
    return List.of(at + name(m.senderId()) + ": " + Render.text(m));
  }

  private List<String> sent(JsonNode frame) {
    Pending p = pending.remove(frame.path("ref").asText(""));
    if (p == null) {
      return List.of();
    }
    long seq = frame.path("seq").asLong();
    shown.add(seq);
    lastSeq = Math.max(lastSeq, seq);
    return List.of(track(seq, frame.path("ts").asLong(), p.body()));
  }

  private List<String> error(JsonNode frame) {
    String what = frame.path("code").asText("error") + ": " + frame.path("message").asText("");
    Pending p = pending.remove(frame.path("ref").asText(""));
    if (p != null) {
      return List.of("! not sent (" + what + "): " + Render.preview(p.body(), 40));
    }
    return List.of("! " + what);
  }

  private List<String> receipt(JsonNode frame) {
    if (!conversation.id().equals(frame.path("conversationId").asText())) {
      return List.of();
    }
    long[] c = cursors.computeIfAbsent(frame.path("userId").asText(), id -> new long[2]);
    long seq = frame.path("seq").asLong();
    String status = frame.path("status").asText();
    if ("read".equals(status)) {
      c[1] = Math.max(c[1], seq);
    }
    if ("read".equals(status) || "delivered".equals(status)) {
      c[0] = Math.max(c[0], seq);
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<Long, Own> e : own.entrySet()) {
      String ticks = ticks(e.getKey());
      if (!ticks.equals(e.getValue().ticks())) {
        Own updated = new Own(e.getValue().ts(), e.getValue().body(), ticks);
        e.setValue(updated);
        lines.add(ownLine(updated));
      }
    }
    return lines;
  }

  private List<String> presence(PresenceView p) {
    if (p.userId() == null || me.equals(p.userId())) {
      return List.of();
    }
    String key = p.status() + "/" + p.lastSeen();
    if (key.equals(presence.put(p.userId(), key))) {
      return List.of();
    }
    return List.of(Render.presence(name(p.userId()), p.status(), p.lastSeen(), clock));
  }

  private List<String> typing(JsonNode frame) {
    String user = frame.path("userId").asText();
    if (!conversation.id().equals(frame.path("conversationId").asText())
        || me.equals(user)
        || !"start".equals(frame.path("state").asText())) {
      return List.of();
    }
    return List.of("* " + name(user) + " is typing…");
  }

  private String track(long seq, long ts, String body) {
    Own o = new Own(ts, body, ticks(seq));
    own.put(seq, o);
    if (own.size() > TRACKED_OWN_MESSAGES) {
      own.remove(own.keySet().iterator().next());
    }
    return ownLine(o);
  }

  private String ownLine(Own o) {
    return "["
        + Render.time(o.ts(), clock.getZone())
        + "] "
        + ME
        + ": "
        + o.body()
        + " "
        + o.ticks();
  }

  /** The ticks of own message {@code seq} with the cursors known now. */
  String ticks(long seq) {
    List<long[]> others = new ArrayList<>();
    cursors.forEach(
        (id, c) -> {
          if (!id.equals(me)) {
            others.add(c);
          }
        });
    if (others.isEmpty()) {
      return "✓";
    }
    long readers = others.stream().filter(c -> c[1] >= seq).count();
    boolean allDelivered = others.stream().allMatch(c -> c[0] >= seq);
    if (!conversation.isGroup()) {
      return readers > 0 ? "✓✓ read" : allDelivered ? "✓✓" : "✓";
    }
    return readers > 0 ? "✓✓ read by " + readers : allDelivered ? "✓✓" : "✓";
  }

  private void applyMembership(MessageView m) {
    if (m.event() == null || m.event().userId() == null) {
      return;
    }
    switch (m.event().action()) {
      case "member_added":
        cursors.putIfAbsent(m.event().userId(), new long[] {m.seq(), 0});
        break;
      case "member_removed":
      case "member_left":
        cursors.remove(m.event().userId());
        break;
      default:
        break;
    }
  }

  private String name(String userId) {
    return me.equals(userId) ? ME : names.apply(userId);
  }

  private String who(String userId) {
    return me.equals(userId) ? "you" : names.apply(userId);
  }
}
