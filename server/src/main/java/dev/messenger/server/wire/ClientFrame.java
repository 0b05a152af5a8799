package dev.messenger.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.model.ReceiptStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded client frame (PROTOCOL.md section 3, "Client -> server"). {@link #decode} validates
 * types and required fields and throws {@code bad_request} naming what is wrong. Immutable.
 */
public sealed interface ClientFrame {
  /** Most user ids in one presence frame. */
  int MAX_PRESENCE_IDS = 500;

  /** The client's correlation string, echoed in the reply; may be null. */
  String ref();

  record Send(
      String ref,
      String conversationId,
      String to,
      String clientId,
      String body,
      List<String> attachments)
      implements ClientFrame {}

  record Ack(String ref, String conversationId, long seq, ReceiptStatus status)
      implements ClientFrame {}

  record History(String ref, String conversationId, Long before, Long after, Integer limit)
      implements ClientFrame {}

  record Sync(String ref) implements ClientFrame {}

  record Typing(String ref, String conversationId, String state) implements ClientFrame {}

  record PresenceSubscribe(String ref, List<String> userIds) implements ClientFrame {}

  record PresenceUnsubscribe(String ref, List<String> userIds) implements ClientFrame {}

  record Ping(String ref) implements ClientFrame {}

  /** The ref of a frame if it is a valid one, else null (used to answer errors). */
  static String refOf(JsonNode frame) {
    JsonNode r = frame == null ? null : frame.get("ref");
    return r != null && r.isTextual() && r.textValue().length() <= 64 ? r.textValue() : null;
  }

  /** Decodes a parsed frame; throws {@code bad_request} if it is not a valid client frame. */
  static ClientFrame decode(JsonNode f) {
    if (f == null || !f.isObject()) {
      throw MessengerException.badRequest("a frame must be a JSON object");
    }
    JsonNode refNode = f.get("ref");
    if (refNode != null
        && !refNode.isNull()
        && (!refNode.isTextual() || refNode.textValue().length() > 64)) {
      throw MessengerException.badRequest("ref must be a string of at most 64 characters");
    }
    String ref = refOf(f);
    String type = text(f, "type", true);
    return switch (type) {
      case "send" -> {
        List<String> attachments = new ArrayList<>();
        JsonNode a = f.get("attachments");
        if (a != null && !a.isNull()) {
          if (!a.isArray() || a.size() > 10) {
            throw MessengerException.badRequest("attachments must be an array of at most 10 ids");
          }
          a.forEach(
              x -> {
                if (!x.isTextual()) {
                  throw MessengerException.badRequest("attachments must hold media ids");
                }
                attachments.add(x.textValue());
              });
        }
        yield new Send(
            ref,
            text(f, "conversationId", false),
            text(f, "to", false),
            text(f, "clientId", true),
            text(f, "body", attachments.isEmpty()),
            attachments);
      }
      case "ack" -> {
        String status = text(f, "status", true);
        ReceiptStatus s = ReceiptStatus.fromWire(status);
        if (s == null) {
          throw MessengerException.badRequest("status must be delivered or read");
        }
        yield new Ack(ref, text(f, "conversationId", true), integer(f, "seq", true), s);
      }
      case "history" -> {
        Long limit = integer(f, "limit", false);
        if (limit != null && (limit < 1 || limit > 200)) {
          throw MessengerException.badRequest("limit must be 1-200");
        }
        yield new History(
            ref,
            text(f, "conversationId", true),
            integer(f, "before", false),
            integer(f, "after", false),
            limit == null ? null : limit.intValue());
      }
      case "sync" -> new Sync(ref);
      case "typing" -> new Typing(ref, text(f, "conversationId", true), text(f, "state", true));
      case "presence.subscribe" -> new PresenceSubscribe(ref, ids(f));
      case "presence.unsubscribe" -> new PresenceUnsubscribe(ref, ids(f));
      case "ping" -> new Ping(ref);
      default -> throw MessengerException.badRequest("unknown frame type: " + clip(type));
    };
  }

  private static String text(JsonNode f, String field, boolean required) {
    JsonNode n = f.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw MessengerException.badRequest(field + " is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw MessengerException.badRequest(field + " must be a string");
    }
    return n.textValue();
  }

  private static Long integer(JsonNode f, String field, boolean required) {
    JsonNode n = f.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw MessengerException.badRequest(field + " is required");
      }
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw MessengerException.badRequest(field + " must be an integer");
    }
    return n.longValue();
  }

  private static List<String> ids(JsonNode f) {
    JsonNode a = f.get("userIds");
    if (a == null || !a.isArray() || a.size() > MAX_PRESENCE_IDS) {
      throw MessengerException.badRequest(
          "userIds must be an array of at most " + MAX_PRESENCE_IDS + " user ids");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : a) {
      if (!x.isTextual() || x.textValue().length() > 64) {
        throw MessengerException.badRequest("userIds must hold user ids");
      }
      out.add(x.textValue());
    }
    return out;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
