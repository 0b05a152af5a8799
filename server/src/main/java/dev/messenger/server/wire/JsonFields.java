package dev.messenger.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.messaging.SendCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields of a JSON object, for WebSocket frames and HTTP bodies alike, so a field of
 * the wrong type is refused with the same {@code bad_request} message on both edges. Only types are
 * checked here; limits and rules belong to the request records the fields are built into ({@link
 * dev.messenger.core.messaging.SendCommand}, {@link dev.messenger.core.messaging.HistoryQuery},
 * {@link dev.messenger.core.presence.PresenceQuery}). Stateless; thread-safe.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * A string field; null when absent or JSON null and not required.
   *
   * @throws MessengerException {@code bad_request} if required and missing, or not a string
   */
  public static String text(JsonNode object, String field, boolean required) {
    JsonNode n = object.get(field);
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

  /**
   * An integer field that fits a {@code long}; null when absent or JSON null and not required.
   *
   * @throws MessengerException {@code bad_request} if required and missing, or not such an integer
   */
  public static Long integer(JsonNode object, String field, boolean required) {
    JsonNode n = object.get(field);
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

  /**
   * An array of ids (strings of at most {@link Ids#MAX_LENGTH} characters); how many it may hold is
   * the request record's rule. Absent or JSON null: an empty list when not required.
   *
   * @throws MessengerException {@code bad_request} if required and missing, not an array, or an
   *     element is not such a string
   */
  public static List<String> ids(JsonNode object, String field, boolean required) {
    JsonNode a = object.get(field);
    List<String> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      if (required) {
        throw MessengerException.badRequest(field + " is required");
      }
      return out;
    }
    if (!a.isArray()) {
      throw MessengerException.badRequest(field + " must be an array of ids");
    }
    for (JsonNode x : a) {
      if (!x.isTextual() || x.textValue().length() > Ids.MAX_LENGTH) {
        throw MessengerException.badRequest(field + " must hold ids");
      }
      out.add(x.textValue());
    }
    return out;
  }

  /**
   * The {@code forward} object of a send (PROTOCOL.md section 4): {@code {"conversationId",
   * "seq"}}; null when absent or JSON null.
   *
   * @throws MessengerException {@code bad_request} if it is not such an object
   */
  public static SendCommand.Forward forward(JsonNode object) {
    JsonNode n = object.get("forward");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw MessengerException.badRequest("forward must be an object {conversationId, seq}");
    }
    return new SendCommand.Forward(text(n, "conversationId", true), integer(n, "seq", true));
  }

  /**
   * The send command of a {@code send} frame or a {@code POST .../messages} body: {@code clientId},
   * {@code body}, {@code attachments}, {@code replyTo}, {@code mentions}, {@code forward}, to
   * {@code conversationId} or (for frames) {@code to}.
   *
   * @throws MessengerException {@code bad_request} as the fields and {@link SendCommand} say
   */
  public static SendCommand send(JsonNode f, String conversationId, String to) {
    return new SendCommand(
        conversationId,
        to,
        text(f, "clientId", true),
        text(f, "body", false),
        ids(f, "attachments", false),
        integer(f, "replyTo", false),
        ids(f, "mentions", false),
        forward(f));
  }
}
