package dev.messenger.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.Update;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link BusEvent}s as JSON for NATS and back. Stateless and thread-safe; {@link #decode}
 * throws {@link IOException} for bytes it does not understand.
 */
final class EventCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventCodec() {}

  static byte[] encode(BusEvent event) {
    return bytes(tree(event));
  }

  /** The JSON bytes of {@code o}. */
  static byte[] bytes(JsonNode o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a bus event", e);
    }
  }

  static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The event as a JSON object (its type in {@code t}). */
  static ObjectNode tree(BusEvent event) {
    ObjectNode o = MAPPER.createObjectNode();
    if (event instanceof BusEvent.MessageStored m) {
      o.put("t", "message");
      o.set("m", message(m.message()));
    } else if (event instanceof BusEvent.ReceiptMoved r) {
      o.put("t", "receipt")
          .put("c", r.conversationId())
          .put("u", r.userId())
          .put("s", r.status().wire())
          .put("seq", r.seq());
    } else if (event instanceof BusEvent.Typing t) {
      o.put("t", "typing").put("c", t.conversationId()).put("u", t.userId()).put("s", t.state());
    } else if (event instanceof BusEvent.PresenceChanged p) {
      o.put("t", "presence").put("u", p.userId()).put("on", p.online()).put("at", p.lastSeen());
    } else if (event instanceof BusEvent.DeviceRevoked d) {
      o.put("t", "revoked").put("d", d.deviceId());
    } else if (event instanceof BusEvent.MembershipChanged mc) {
      o.put("t", "members").put("c", mc.conversationId());
    } else if (event instanceof BusEvent.BlockChanged b) {
      o.put("t", "block").put("by", b.blockerId()).put("u", b.blockedId()).put("on", b.blocked());
    } else if (event instanceof BusEvent.UserSuspended su) {
      o.put("t", "suspended").put("u", su.userId()).put("on", su.suspended());
    } else if (event instanceof BusEvent.ConversationChanged cc) {
      o.put("t", "conversation").put("u", cc.userId()).put("c", cc.conversationId());
    }
    return o;
  }

  static BusEvent decode(byte[] bytes) throws IOException {
    return fromTree(MAPPER.readTree(bytes));
  }

  /** The event of a JSON object made by {@link #tree}. */
  static BusEvent fromTree(JsonNode o) throws IOException {
    if (o == null || !o.isObject()) {
      throw new IOException("a bus event must be a JSON object");
    }
    String t = o.path("t").asText();
    switch (t) {
      case "message":
        return new BusEvent.MessageStored(message(o.get("m")));
      case "receipt":
        return new BusEvent.ReceiptMoved(
            text(o, "c"),
            text(o, "u"),
            ReceiptStatus.fromWire(text(o, "s")),
            o.path("seq").asLong());
      case "typing":
        return new BusEvent.Typing(text(o, "c"), text(o, "u"), text(o, "s"));
      case "presence":
        return new BusEvent.PresenceChanged(
            text(o, "u"), o.path("on").asBoolean(), o.path("at").asLong());
      case "revoked":
        return new BusEvent.DeviceRevoked(text(o, "d"));
      case "members":
        return new BusEvent.MembershipChanged(text(o, "c"));
      case "block":
        return new BusEvent.BlockChanged(text(o, "by"), text(o, "u"), o.path("on").asBoolean());
      case "suspended":
        return new BusEvent.UserSuspended(text(o, "u"), o.path("on").asBoolean());
      case "conversation":
        return new BusEvent.ConversationChanged(text(o, "u"), text(o, "c"));
      default:
        throw new IOException("unknown bus event type: " + t);
    }
  }

  private static ObjectNode message(Message m) {
    ObjectNode o =
        MAPPER
            .createObjectNode()
            .put("c", m.conversationId())
            .put("seq", m.seq())
            .put("from", m.senderId())
            .put("dev", m.senderDeviceId())
            .put("cid", m.clientId())
            .put("ts", m.ts())
            .put("k", m.kind().wire())
            .put("b", m.body());
    ArrayNode a = o.putArray("a");
    m.attachments()
        .forEach(
            x ->
                a.addObject()
                    .put("id", x.id())
                    .put("mime", x.mime())
                    .put("size", x.size())
                    .put("sha256", x.sha256())
                    .put("name", x.name()));
    if (m.event() != null) {
      o.putObject("e")
          .put("action", m.event().action().wire())
          .put("u", m.event().userId())
          .put("by", m.event().by())
          .put("name", m.event().name());
    }
    MessageDetails d = m.details();
    if (!d.equals(MessageDetails.NONE)) {
      ObjectNode dn = o.putObject("d").put("fwd", d.forwarded()).put("del", d.deleted());
      if (d.replyTo() != null) {
        dn.put("re", d.replyTo());
      }
      if (d.editedAt() != null) {
        dn.put("ed", d.editedAt());
      }
      if (d.updateSeq() != null) {
        dn.put("us", d.updateSeq());
      }
      d.mentions().forEach(dn.putArray("men")::add);
      Update u = d.update();
      if (u != null) {
        dn.putObject("u")
            .put("action", u.action().wire())
            .put("target", u.target())
            .put("body", u.body())
            .put("emoji", u.emoji());
      }
    }
    return o;
  }

  /** The details of an encoded message; reactions do not travel (new messages have none). */
  private static MessageDetails details(JsonNode d) {
    if (d == null || d.isNull()) {
      return MessageDetails.NONE;
    }
    List<String> mentions = new ArrayList<>();
    d.path("men").forEach(x -> mentions.add(x.asText()));
    JsonNode u = d.get("u");
    Update update =
        u == null
            ? null
            : new Update(
                Update.Action.fromWire(u.path("action").asText()),
                u.path("target").asLong(),
                text(u, "body"),
                text(u, "emoji"));
    return new MessageDetails(
        d.has("re") ? d.get("re").asLong() : null,
        mentions,
        d.path("fwd").asBoolean(),
        d.has("ed") ? d.get("ed").asLong() : null,
        d.path("del").asBoolean(),
        List.of(),
        update,
        d.has("us") ? d.get("us").asLong() : null);
  }

  private static Message message(JsonNode o) {
    List<Attachment> attachments = new ArrayList<>();
    o.path("a")
        .forEach(
            x ->
                attachments.add(
                    new Attachment(
                        text(x, "id"),
                        text(x, "mime"),
                        x.path("size").asLong(),
                        text(x, "sha256"),
                        text(x, "name"))));
    JsonNode e = o.get("e");
    SystemEvent event =
        e == null || e.isNull()
            ? null
            : new SystemEvent(
                SystemEvent.Action.fromWire(e.path("action").asText()),
                text(e, "u"),
                text(e, "by"),
                text(e, "name"));
    return new Message(
        text(o, "c"),
        o.path("seq").asLong(),
        text(o, "from"),
        text(o, "dev"),
        text(o, "cid"),
        o.path("ts").asLong(),
        Message.Kind.fromWire(text(o, "k")),
        text(o, "b"),
        attachments,
        event,
        details(o.get("d")));
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
