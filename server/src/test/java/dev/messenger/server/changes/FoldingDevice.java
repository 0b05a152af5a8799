package dev.messenger.server.changes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.model.Update;
import dev.messenger.core.model.Updates;
import dev.messenger.core.store.NewUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a client device keeps of one conversation, folded from the frames it received only: {@code
 * message} frames, history pages, and its own {@code sent} and {@code updated} replies (the device
 * that makes a change gets {@code updated}, not the entry). An update entry is applied to its
 * target only when its seq is above the target's {@code updateSeq}; an entry that arrives before
 * its target is kept and applied when the target comes. Not thread-safe.
 */
final class FoldingDevice {
  /** What this device asked for, by clientId (sends) or ref (changes). */
  record Asked(String body, Long replyTo, Update update) {}

  private final String userId;
  private final Map<Long, Message> bySeq = new TreeMap<>();
  private final Map<String, Asked> asked = new java.util.HashMap<>();

  FoldingDevice(String userId) {
    this.userId = userId;
  }

  void askedToSend(String clientId, String body, Long replyTo) {
    asked.put(clientId, new Asked(body, replyTo, null));
  }

  void askedToChange(String ref, Update update) {
    asked.put(ref, new Asked(null, null, update));
  }

  /** Takes every frame a socket received, in arrival order. */
  void takeAll(List<JsonNode> frames) {
    for (JsonNode f : frames) {
      switch (f.path("type").asText()) {
        case "message" -> receive(parse(f));
        case "history" -> f.get("messages").forEach(m -> receive(parse(m)));
        case "sent" -> {
          Asked a = asked.get(f.path("clientId").asText());
          receive(
              new Message(
                  f.path("conversationId").asText(),
                  f.path("seq").asLong(),
                  userId,
                  null,
                  f.path("clientId").asText(),
                  f.path("ts").asLong(),
                  Message.Kind.TEXT,
                  a.body(),
                  List.of(),
                  null,
                  MessageDetails.sent(a.replyTo(), List.of(), false)));
        }
        case "updated" -> {
          Asked a = asked.get(f.path("ref").asText());
          if (a != null && !f.path("seq").isNull()) {
            receive(
                new NewUpdate(
                        f.path("conversationId").asText(),
                        userId,
                        null,
                        f.path("ts").asLong(),
                        a.update())
                    .at(f.path("seq").asLong()));
          }
        }
        default -> {}
      }
    }
  }

  /** The highest seq held. */
  long maxSeq() {
    return bySeq.isEmpty() ? 0 : ((TreeMap<Long, Message>) bySeq).lastKey();
  }

  Map<Long, Message> state() {
    return bySeq;
  }

  /** The pinned seqs: the last pin or unpin entry of each target decides. */
  List<Long> pinned() {
    TreeSet<Long> out = new TreeSet<>();
    for (Message m : bySeq.values()) {
      Update u = m.details().update();
      if (u != null && u.action() == Update.Action.PINNED) {
        out.add(u.target());
      } else if (u != null && u.action() == Update.Action.UNPINNED) {
        out.remove(u.target());
      }
    }
    return List.copyOf(out);
  }

  private void receive(Message m) {
    if (m.kind() == Message.Kind.UPDATE) {
      bySeq.put(m.seq(), m);
      Message target = bySeq.get(m.details().update().target());
      if (target != null && m.seq() > seen(target)) {
        bySeq.put(target.seq(), Updates.apply(target, m));
      }
      return;
    }
    Message candidate = m;
    for (Message e : new ArrayList<>(bySeq.values())) {
      Update u = e.details().update();
      if (u != null && u.target() == m.seq() && e.seq() > seen(candidate)) {
        candidate = Updates.apply(candidate, e);
      }
    }
    Message held = bySeq.get(m.seq());
    if (held == null || seen(held) < seen(candidate)) {
      bySeq.put(m.seq(), candidate);
    }
  }

  private static long seen(Message m) {
    Long s = m.details().updateSeq();
    return s == null ? 0 : s;
  }

  /** A message object of the wire as the core model. */
  static Message parse(JsonNode o) {
    List<String> mentions = new ArrayList<>();
    o.path("mentions").forEach(x -> mentions.add(x.asText()));
    List<Reaction> reactions = new ArrayList<>();
    o.path("reactions")
        .forEach(
            r -> {
              List<String> users = new ArrayList<>();
              r.get("userIds").forEach(u -> users.add(u.asText()));
              reactions.add(new Reaction(r.get("emoji").asText(), r.get("count").asInt(), users));
            });
    JsonNode u = o.get("update");
    Update update =
        u == null
            ? null
            : new Update(
                Update.Action.fromWire(u.get("action").asText()),
                u.get("target").asLong(),
                u.has("body") ? u.get("body").asText() : null,
                u.has("emoji") ? u.get("emoji").asText() : null);
    return new Message(
        o.get("conversationId").asText(),
        o.get("seq").asLong(),
        o.get("senderId").asText(),
        null,
        o.path("clientId").isNull() ? null : o.path("clientId").asText(),
        o.get("ts").asLong(),
        Message.Kind.fromWire(o.get("kind").asText()),
        o.get("body").asText(),
        List.of(),
        null,
        new MessageDetails(
            o.has("replyTo") ? o.get("replyTo").asLong() : null,
            mentions,
            o.path("forwarded").asBoolean(),
            o.has("editedAt") ? o.get("editedAt").asLong() : null,
            o.path("deleted").asBoolean(),
            reactions,
            update,
            o.has("updateSeq") ? o.get("updateSeq").asLong() : null));
  }
}
