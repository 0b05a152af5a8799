package dev.messenger.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.accounts.User;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.presence.PresenceStatus;
import java.util.List;

/**
 * Encodes domain objects as the JSON objects of PROTOCOL.md (message, summary, user, presence,
 * error). Stateless and thread-safe.
 */
public final class Wire {
  /** Deepest nesting accepted in a request or frame. */
  public static final int MAX_JSON_DEPTH = 32;

  /** The shared mapper: ignores unknown fields, limits nesting. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                  .build())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Wire() {}

  public static ObjectNode object() {
    return F.objectNode();
  }

  public static ObjectNode user(User u) {
    return object()
        .put("id", u.id())
        .put("username", u.username())
        .put("displayName", u.displayName());
  }

  public static ObjectNode message(Message m) {
    ObjectNode o =
        object()
            .put("conversationId", m.conversationId())
            .put("seq", m.seq())
            .put("senderId", m.senderId());
    if (m.clientId() == null) {
      o.putNull("clientId");
    } else {
      o.put("clientId", m.clientId());
    }
    o.put("ts", m.ts()).put("kind", m.kind().wire()).put("body", m.body());
    if (!m.attachments().isEmpty()) {
      ArrayNode a = o.putArray("attachments");
      m.attachments().forEach(x -> a.add(media(x)));
    }
    SystemEvent e = m.event();
    if (e != null) {
      ObjectNode ev = o.putObject("event").put("action", e.action().wire());
      if (e.userId() != null) {
        ev.put("userId", e.userId());
      }
      ev.put("by", e.by());
      if (e.name() != null) {
        ev.put("name", e.name());
      }
    }
    return o;
  }

  /** A media object (PROTOCOL.md "Media"): {@code {"id", "mime", "size", "sha256"}}. */
  public static ObjectNode media(Attachment x) {
    return object()
        .put("id", x.id())
        .put("mime", x.mime())
        .put("size", x.size())
        .put("sha256", x.sha256());
  }

  public static ArrayNode messages(List<Message> ms) {
    ArrayNode a = F.arrayNode();
    ms.forEach(m -> a.add(message(m)));
    return a;
  }

  public static ObjectNode member(Member m) {
    return object()
        .put("userId", m.userId())
        .put("role", m.role().wire())
        .put("deliveredSeq", m.deliveredSeq())
        .put("readSeq", m.readSeq());
  }

  public static ObjectNode summary(ConversationSummary s) {
    var c = s.conversation();
    ObjectNode o = object().put("id", c.id()).put("kind", c.kind().wire());
    if (c.name() != null) {
      o.put("name", c.name());
    }
    o.put("lastSeq", c.lastSeq());
    if (s.lastMessage() != null) {
      o.set("lastMessage", message(s.lastMessage()));
    }
    ArrayNode members = o.putArray("members");
    s.members().forEach(m -> members.add(member(m)));
    o.put("createdAt", c.createdAt()).put("lastActivity", c.lastActivity());
    return o;
  }

  public static ArrayNode summaries(List<ConversationSummary> list) {
    ArrayNode a = F.arrayNode();
    list.forEach(s -> a.add(summary(s)));
    return a;
  }

  public static ObjectNode presence(PresenceStatus p) {
    return object()
        .put("userId", p.userId())
        .put("status", p.status())
        .put("lastSeen", p.lastSeen());
  }

  /** The HTTP error body {@code {"error": {"code", "message"}}}. */
  public static ObjectNode errorBody(ErrorCode code, String message) {
    ObjectNode o = object();
    o.putObject("error").put("code", code.wire()).put("message", message);
    return o;
  }

  /** The WebSocket {@code error} frame; {@code ref} may be null. */
  public static ObjectNode errorFrame(String ref, ErrorCode code, String message) {
    ObjectNode o = object().put("type", "error");
    if (ref != null) {
      o.put("ref", ref);
    }
    return o.put("code", code.wire()).put("message", message);
  }

  /** Serializes to a JSON string; never fails for trees built here. */
  public static String encode(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }
}
