package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageView;
import dev.messenger.client.PresenceView;
import dev.messenger.client.ServerFrame;
import dev.messenger.client.UpdateView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What an interactive chat shows, as lines of text: it turns frames into lines, remembers the
 * messages on screen and the members' receipt cursors ({@link Ticks}), and prints a message again
 * whenever it changes: an edit, a delete or a reaction (update entries, PROTOCOL.md section 4,
 * folded onto it with {@link MessageView#applied}). A change of ticks prints only the change, one
 * short line per new state ({@code * #3 #4 ✓✓ read}), not the messages again. No I/O (a lookup for
 * messages not on screen may be given), so it is tested with plain frames.
 *
 * <p>Messages are numbered by their seq: {@code [12:01] #5 bob: hello (edited) [👍 2]}; a reply is
 * preceded by the quoted first line of what it answers ({@code > #3 alice: ...}). The user's own
 * messages show as {@code me} with their ticks. Update entries whose target is not on screen, and
 * pins, show as one line ({@code * bob pinned #5}). History pages already carry every change, so
 * their update entries print nothing but pins.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
final class ChatState {
  /** How many own messages are followed for tick changes; older ones are forgotten. */
  static final int TRACKED_OWN_MESSAGES = 200;

  /** How many messages of the conversation are kept to fold changes onto and to quote. */
  static final int KEPT_MESSAGES = 1000;

  private static final String ME = "me";

  private final String me;
  private final ConversationView conversation;
  private final Function<String, String> names;
  private final Clock clock;
  private final Ticks ticks;
  private final Map<Long, MessageView> kept = new LinkedHashMap<>();
  private final Map<Long, String> own = new LinkedHashMap<>(); // seq -> ticks shown
  private final Awaited awaited = new Awaited();
  private final Map<String, String> presence = new HashMap<>();
  private final Set<Long> shown = new HashSet<>();
  private final Set<String> typing = new HashSet<>(); // users said to be typing
  private LongFunction<MessageView> lookup = seq -> null;
  private long lastSeq;
  private boolean removed;

  /**
   * @param me the user of the chat
   * @param conversation the conversation shown, with its members' cursors
   * @param names user id to display name
   * @param clock zone and "today" for printed times, and the time of the user's own changes
   */
  ChatState(String me, ConversationView conversation, Function<String, String> names, Clock clock) {
    this.me = me;
    this.conversation = conversation;
    this.names = names;
    this.clock = clock;
    this.ticks = new Ticks(me, conversation);
  }

  /** Finds messages not on screen (the original of a reply); may answer null. */
  ChatState withLookup(LongFunction<MessageView> lookup) {
    this.lookup = lookup;
    return this;
  }

  /** The user of the chat. */
  String me() {
    return me;
  }

  String conversationId() {
    return conversation.id();
  }

  /** The other members (their presence is shown). */
  List<String> peers() {
    return ticks.peers();
  }

  /** Highest seq shown of this conversation, 0 when none. */
  long lastSeq() {
    return lastSeq;
  }

  /** The message {@code seq} as it is now, if it is on screen (or was looked up). */
  MessageView message(long seq) {
    return kept.get(seq);
  }

  /**
   * True once a system message said the user left or was removed from this conversation: the chat
   * should end, since every send would fail with {@code forbidden}.
   */
  boolean removed() {
    return removed;
  }

  /** True while some send or change has had no reply. */
  boolean awaitingReplies() {
    return awaited.any();
  }

  /** Remembers a {@code send} frame with {@code ref}, so that its reply can be shown. */
  void expectReply(String ref, String clientId, String body) {
    expectReply(ref, clientId, body, null, false);
  }

  /** As above, for a reply to {@code replyTo} (may be null) or a forward into this chat. */
  void expectReply(String ref, String clientId, String body, Long replyTo, boolean forwarded) {
    awaited.send(ref, new Awaited.Send(clientId, body, replyTo, forwarded));
  }

  /** Remembers a change frame ({@code edit}, {@code react}, ...) with {@code ref}. */
  void expectChange(String ref, UpdateView change) {
    awaited.change(ref, change);
  }

  /** Remembers a forward to another conversation, described as {@code what} ("#5 to bob"). */
  void expectForward(String ref, String what) {
    awaited.forward(ref, what);
  }

  /** Lines for messages (ascending seq), e.g. of a history page. */
  List<String> messages(List<MessageView> messages) {
    List<String> lines = new ArrayList<>();
    messages.forEach(m -> lines.addAll(page(m)));
    return lines;
  }

  /** Lines for one incoming frame; empty when it shows nothing. */
  List<String> onFrame(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message f) {
      MessageView m = f.message();
      return m.isUpdate() && mine(m) ? live(m) : message(m);
    } else if (frame instanceof ServerFrame.Sent f) {
      return sent(f);
    } else if (frame instanceof ServerFrame.Updated f) {
      return updated(f);
    } else if (frame instanceof ServerFrame.Receipt f) {
      return receipt(f);
    } else if (frame instanceof ServerFrame.Presence f) {
      return presence(f.presence());
    } else if (frame instanceof ServerFrame.Typing f) {
      return typing(f);
    } else if (frame instanceof ServerFrame.Conversation f) {
      return settings(f.conversation());
    } else if (frame instanceof ServerFrame.Error f) {
      return error(f);
    } else if (frame instanceof ServerFrame.History f) {
      return messages(f.messages());
    }
    return List.of();
  }

  private boolean mine(MessageView m) {
    return conversation.id().equals(m.conversationId());
  }

  /** A message of a history page: update entries are already folded into their targets. */
  private List<String> page(MessageView m) {
    if (!m.isUpdate() || !mine(m)) {
      return message(m);
    }
    if (!shown.add(m.seq())) {
      return List.of();
    }
    lastSeq = Math.max(lastSeq, m.seq());
    String action = m.update().action();
    boolean pin = UpdateView.PINNED.equals(action) || UpdateView.UNPINNED.equals(action);
    return pin ? List.of(at(m.ts()) + "* " + Render.change(m, this::who)) : List.of();
  }

  private List<String> message(MessageView m) {
    if (!mine(m)) {
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
    if (m.isSystem()) {
      applyMembership(m);
      String newName = m.event() == null ? null : m.event().name();
      return List.of(at(m.ts()) + "* " + Render.system(m, newName, this::who));
    }
    keep(m);
    typing.remove(m.senderId());
    if (me.equals(m.senderId())) {
      track(m.seq());
    }
    return lines(m);
  }

  /** A live update entry: folded onto its target, which is printed again. */
  private List<String> live(MessageView entry) {
    if (!shown.add(entry.seq())) {
      return List.of();
    }
    lastSeq = Math.max(lastSeq, entry.seq());
    UpdateView u = entry.update();
    MessageView target = kept.get(u.target());
    String action = u.action();
    if (target == null || UpdateView.PINNED.equals(action) || UpdateView.UNPINNED.equals(action)) {
      String about = target == null ? "" : ": " + Render.preview(Render.current(target, me), 40);
      return List.of(at(entry.ts()) + "* " + Render.change(entry, this::who) + about);
    }
    MessageView now = target.applied(entry);
    keep(now);
    return List.of(line(now));
  }

  private List<String> sent(ServerFrame.Sent frame) {
    String ref = frame.ref() == null ? "" : frame.ref();
    String forward = awaited.takeForward(ref);
    if (forward != null) {
      return List.of("* forwarded " + forward);
    }
    Awaited.Send p = awaited.takeSend(ref);
    if (p == null) {
      return List.of();
    }
    return message(p.stored(conversation.id(), frame.seq(), me, frame.ts()));
  }

  /** The answer to the user's own change: applied like an update entry when one was stored. */
  private List<String> updated(ServerFrame.Updated frame) {
    UpdateView change = awaited.takeChange(frame.ref() == null ? "" : frame.ref());
    if (change == null) {
      return List.of();
    }
    Long seq = frame.updated().seq();
    if (seq == null) {
      return List.of("* nothing changed on #" + change.target());
    }
    return live(Awaited.entry(conversation.id(), seq, me, clock.millis(), change));
  }

  private List<String> error(ServerFrame.Error frame) {
    String code = frame.code() == null ? "error" : frame.code();
    String what = code + ": " + (frame.message() == null ? "" : frame.message());
    String line = awaited.failed(frame.ref() == null ? "" : frame.ref(), what);
    return List.of(line != null ? line : "! " + what);
  }

  private List<String> receipt(ServerFrame.Receipt frame) {
    if (!conversation.id().equals(frame.conversationId())) {
      return List.of();
    }
    ticks.receipt(frame.userId(), frame.status(), frame.seq());
    Map<String, List<String>> changed = new LinkedHashMap<>(); // new ticks -> "#seq"s
    for (Map.Entry<Long, String> e : own.entrySet()) {
      String now = ticks.of(e.getKey());
      MessageView m = kept.get(e.getKey());
      if (!now.equals(e.getValue()) && m != null && !m.deleted()) {
        e.setValue(now);
        changed.computeIfAbsent(now, k -> new ArrayList<>()).add("#" + e.getKey());
      }
    }
    List<String> lines = new ArrayList<>();
    changed.forEach((now, seqs) -> lines.add("* " + String.join(" ", seqs) + " " + now));
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

  /** Says {@code is typing…} once per spell of typing: again only after a stop or a message. */
  private List<String> typing(ServerFrame.Typing frame) {
    String user = frame.userId();
    if (!conversation.id().equals(frame.conversationId()) || me.equals(user)) {
      return List.of();
    }
    if (!"start".equals(frame.state())) {
      typing.remove(user);
      return List.of();
    }
    return typing.add(user) ? List.of("* " + name(user) + " is typing…") : List.of();
  }

  private List<String> settings(ConversationView c) {
    if (!conversation.id().equals(c.id())) {
      return List.of();
    }
    String muted =
        c.isMuted(clock.millis())
            ? "muted until " + Render.when(c.mutedUntil(), clock)
            : "not muted";
    return List.of(
        "* this chat is now "
            + muted
            + (c.archived() ? ", archived" : "")
            + (c.clearedSeq() > 0 ? ", cleared up to #" + c.clearedSeq() : ""));
  }

  /** The quote of what a reply answers (if it is one), then the message line. */
  private List<String> lines(MessageView m) {
    if (m.replyTo() == null) {
      return List.of(line(m));
    }
    MessageView original = kept.get(m.replyTo());
    if (original == null) {
      original = lookup.apply(m.replyTo());
    }
    return List.of(Render.quote(m.replyTo(), original, this::name), line(m));
  }

  private String line(MessageView m) {
    String tick = me.equals(m.senderId()) && !m.deleted() ? " " + ticks.of(m.seq()) : "";
    return at(m.ts())
        + "#"
        + m.seq()
        + " "
        + name(m.senderId())
        + ": "
        + Render.current(m, me)
        + tick
        + Render.reactions(m);
  }

  private String at(long ts) {
    return "[" + Render.time(ts, clock.getZone()) + "] ";
  }

  private void keep(MessageView m) {
    kept.put(m.seq(), m);
    if (kept.size() > KEPT_MESSAGES) {
      kept.remove(kept.keySet().iterator().next());
    }
  }

  private void track(long seq) {
    own.put(seq, ticks.of(seq));
    if (own.size() > TRACKED_OWN_MESSAGES) {
      own.remove(own.keySet().iterator().next());
    }
  }

  /** The ticks of own message {@code seq} with the cursors known now. */
  String ticks(long seq) {
    return ticks.of(seq);
  }

  private void applyMembership(MessageView m) {
    if (m.event() == null || m.event().userId() == null) {
      return;
    }
    switch (m.event().action()) {
      case "member_added":
        ticks.added(m.event().userId(), m.seq());
        removed &= !me.equals(m.event().userId());
        break;
      case "member_removed":
      case "member_left":
        ticks.removed(m.event().userId());
        removed |= me.equals(m.event().userId());
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
