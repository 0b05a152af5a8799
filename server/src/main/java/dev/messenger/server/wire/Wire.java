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
import dev.messenger.core.model.Message;
import dev.messenger.core.presence.PresenceStatus;
import java.util.List;

/**
 * The JSON of the HTTP API: the shared mapper and the objects of PROTOCOL.md (message, summary,
 * user, presence, error) as trees for handlers that add fields. Every object is written by {@link
 * WireWriters} through {@link WireModule}, the same code the WebSocket frames use. Stateless and
 * thread-safe.
 */
public final class Wire {
  /** Deepest nesting accepted in a request or frame. */
  public static final int MAX_JSON_DEPTH = 32;

  /**
   * The shared mapper: ignores unknown fields, limits nesting, and writes domain objects and {@link
   * ServerFrame}s in their wire form.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                  .build())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .registerModule(new WireModule());

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Wire() {}

  public static ObjectNode object() {
    return F.objectNode();
  }

  public static ObjectNode user(User u) {
    return MAPPER.valueToTree(u);
  }

  public static ObjectNode message(Message m) {
    return MAPPER.valueToTree(m);
  }

  public static ArrayNode messages(List<Message> ms) {
    return MAPPER.valueToTree(ms);
  }

  public static ObjectNode summary(ConversationSummary s) {
    return MAPPER.valueToTree(s);
  }

  public static ArrayNode summaries(List<ConversationSummary> list) {
    return MAPPER.valueToTree(list);
  }

  public static ObjectNode presence(PresenceStatus p) {
    return MAPPER.valueToTree(p);
  }

  /** The HTTP error body {@code {"error": {"code", "message"}}}. */
  public static ObjectNode errorBody(ErrorCode code, String message) {
    ObjectNode o = object();
    o.putObject("error").put("code", code.wire()).put("message", message);
    return o;
  }

  /** Serializes to a JSON string; never fails for trees and wire objects. */
  public static String encode(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }
}
