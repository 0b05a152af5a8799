package dev.messenger.server.wire;

import static dev.messenger.server.wire.JsonFields.ids;
import static dev.messenger.server.wire.JsonFields.integer;
import static dev.messenger.server.wire.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.messaging.HistoryQuery;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.messaging.UpdateCommand;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.Update;
import dev.messenger.core.presence.PresenceQuery;
import java.util.List;

/**
 * A decoded client frame (PROTOCOL.md section 3, "Client -> server"). {@link #decode} reads the
 * fields with {@link JsonFields} and builds the same request records the HTTP routes build ({@link
 * SendCommand}, {@link HistoryQuery}, {@link PresenceQuery}), whose rules are checked there; it
 * throws {@code bad_request} naming what is wrong. Immutable.
 */
public sealed interface ClientFrame {
  /** The client's correlation string, echoed in the reply; may be null. */
  String ref();

  /** A {@code send}: the command as HTTP {@code POST .../messages} builds it too. */
  record Send(String ref, SendCommand command) implements ClientFrame {}

  record Ack(String ref, String conversationId, long seq, ReceiptStatus status)
      implements ClientFrame {}

  /** A {@code history}: the query as HTTP {@code GET .../messages} builds it too. */
  record History(String ref, HistoryQuery query) implements ClientFrame {}

  record Sync(String ref) implements ClientFrame {}

  record Typing(String ref, String conversationId, String state) implements ClientFrame {}

  record PresenceSubscribe(String ref, List<String> userIds) implements ClientFrame {}

  record PresenceUnsubscribe(String ref, List<String> userIds) implements ClientFrame {}

  record Ping(String ref) implements ClientFrame {}

  /**
   * An {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin} or {@code unpin}
   * (PROTOCOL.md section 4): the command as the HTTP routes build it too.
   */
  record Change(String ref, UpdateCommand command) implements ClientFrame {}

  /** The ref of a frame if it is a valid one, else null (used to answer errors). */
  static String refOf(JsonNode frame) {
    JsonNode r = frame == null ? null : frame.get("ref");
    return r != null && r.isTextual() && r.textValue().length() <= Ids.MAX_LENGTH
        ? r.textValue()
        : null;
  }

  /** Decodes a parsed frame; throws {@code bad_request} if it is not a valid client frame. */
  static ClientFrame decode(JsonNode f) {
    if (f == null || !f.isObject()) {
      throw MessengerException.badRequest("a frame must be a JSON object");
    }
    JsonNode refNode = f.get("ref");
    if (refNode != null
        && !refNode.isNull()
        && (!refNode.isTextual() || refNode.textValue().length() > Ids.MAX_LENGTH)) {
      throw MessengerException.badRequest("ref must be a string of at most 64 characters");
    }
    String ref = refOf(f);
    String type = text(f, "type", true);
    return switch (type) {
      case "send" -> {
        yield new Send(
            ref, JsonFields.send(f, text(f, "conversationId", false), text(f, "to", false)));
      }
      case "edit" -> change(ref, f, Update.Action.EDITED, text(f, "body", true), null);
      case "delete" -> change(ref, f, Update.Action.DELETED, null, null);
      case "react" -> change(ref, f, Update.Action.REACTED, null, text(f, "emoji", true));
      case "unreact" -> change(ref, f, Update.Action.UNREACTED, null, text(f, "emoji", true));
      case "pin" -> change(ref, f, Update.Action.PINNED, null, null);
      case "unpin" -> change(ref, f, Update.Action.UNPINNED, null, null);
      case "ack" -> {
        String status = text(f, "status", true);
        ReceiptStatus s = ReceiptStatus.fromWire(status);
        if (s == null) {
          throw MessengerException.badRequest("status must be delivered or read");
        }
        yield new Ack(ref, text(f, "conversationId", true), integer(f, "seq", true), s);
      }
      case "history" ->
          new History(
              ref,
              HistoryQuery.of(
                  text(f, "conversationId", true),
                  integer(f, "before", false),
                  integer(f, "after", false),
                  integer(f, "around", false),
                  integer(f, "limit", false)));
      case "sync" -> new Sync(ref);
      case "typing" -> new Typing(ref, text(f, "conversationId", true), text(f, "state", true));
      case "presence.subscribe" -> new PresenceSubscribe(ref, userIds(f));
      case "presence.unsubscribe" -> new PresenceUnsubscribe(ref, userIds(f));
      case "ping" -> new Ping(ref);
      default -> throw MessengerException.badRequest("unknown frame type: " + clip(type));
    };
  }

  private static Change change(
      String ref, JsonNode f, Update.Action action, String body, String emoji) {
    return new Change(
        ref,
        UpdateCommand.of(
            text(f, "conversationId", true), action, integer(f, "seq", true), body, emoji));
  }

  private static List<String> userIds(JsonNode f) {
    return new PresenceQuery(ids(f, "userIds", true)).userIds();
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
