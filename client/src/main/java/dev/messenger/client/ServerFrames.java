package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads server frames into {@link ServerFrame} records: the one place where the SDK turns the JSON
 * of {@code /ws} into types (docs/asyncapi.json, {@code serverSends}). Lenient like the {@code
 * *View} readers: a missing field becomes null, 0 or empty, so that a newer server's extra or
 * absent optional fields never fail a client. A frame whose {@code type} is unknown, or text that
 * is not a JSON object, becomes {@link ServerFrame.Unknown}. Stateless and thread-safe.
 */
public final class ServerFrames {
  private ServerFrames() {}

  /** Parses frame text; never throws (text that is not JSON is {@link ServerFrame.Unknown}). */
  public static ServerFrame parse(String text) {
    return parse(Json.parseOrText(text));
  }

  /** Reads a parsed frame; never throws. */
  public static ServerFrame parse(JsonNode f) {
    if (f == null || !f.isObject()) {
      return new ServerFrame.Unknown(null, null, f);
    }
    String ref = Json.text(f, "ref");
    String type = Json.text(f, "type");
    if (type == null) {
      return new ServerFrame.Unknown(ref, null, f);
    }
    switch (type) {
      case "ready":
        return new ServerFrame.Ready(
            ref,
            Json.text(f, "userId"),
            Json.text(f, "deviceId"),
            (int) Json.number(f, "protocol"),
            Json.number(f, "serverTime"));
      case "sent":
        return new ServerFrame.Sent(
            ref,
            Json.text(f, "clientId"),
            Json.text(f, "conversationId"),
            Json.number(f, "seq"),
            Json.number(f, "ts"));
      case "message":
        return new ServerFrame.Message(ref, MessageView.fromJson(f));
      case "receipt":
        return new ServerFrame.Receipt(
            ref,
            Json.text(f, "conversationId"),
            Json.text(f, "userId"),
            Json.text(f, "status"),
            Json.number(f, "seq"));
      case "history":
        return new ServerFrame.History(
            ref,
            Json.text(f, "conversationId"),
            Json.list(f, "messages", MessageView::fromJson),
            f.path("hasMore").asBoolean(false));
      case "synced":
        return new ServerFrame.Synced(
            ref, Json.list(f, "conversations", ConversationView::fromJson));
      case "updated":
        return new ServerFrame.Updated(ref, UpdatedView.fromFrame(f));
      case "conversation":
        JsonNode c = Json.objectOrNull(f, "conversation");
        return new ServerFrame.Conversation(
            ref, ConversationView.fromJson(c == null ? Json.object() : c));
      case "typing":
        return new ServerFrame.Typing(
            ref, Json.text(f, "conversationId"), Json.text(f, "userId"), Json.text(f, "state"));
      case "presence":
        return new ServerFrame.Presence(ref, PresenceView.fromJson(f));
      case "pong":
        return new ServerFrame.Pong(ref);
      case "error":
        return new ServerFrame.Error(ref, Json.text(f, "code"), Json.text(f, "message"));
      default:
        return new ServerFrame.Unknown(ref, type, f);
    }
  }
}
