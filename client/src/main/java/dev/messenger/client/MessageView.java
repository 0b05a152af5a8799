package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message object (also the body of a {@code message} frame). Immutable.
 *
 * @param conversationId the conversation
 * @param seq position in the conversation, from 1
 * @param senderId the sender's user id
 * @param clientId the sender's idempotency key; may be null for system messages
 * @param ts server time in milliseconds since the epoch
 * @param kind {@code text} or {@code system}
 * @param body the text
 * @param attachments ids of attached media; never null, empty when none (the server sends media
 *     objects, of which only the {@code id} is kept)
 * @param event what a system message records; null for text messages
 */
public record MessageView(
    String conversationId,
    long seq,
    String senderId,
    String clientId,
    long ts,
    String kind,
    String body,
    List<String> attachments,
    EventView event) {

  /** Copies {@code attachments}; null becomes an empty list. */
  public MessageView {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** True for {@code system} messages. */
  public boolean isSystem() {
    return "system".equals(kind);
  }

  /**
   * Reads a message object. Each attachment may be a media object (its {@code id} is kept) or a
   * plain id string.
   */
  public static MessageView fromJson(JsonNode node) {
    JsonNode event = Json.objectOrNull(node, "event");
    return new MessageView(
        Json.text(node, "conversationId"),
        Json.number(node, "seq"),
        Json.text(node, "senderId"),
        Json.text(node, "clientId"),
        Json.number(node, "ts"),
        Json.text(node, "kind"),
        Json.text(node, "body"),
        Json.list(node, "attachments", a -> a.isObject() ? Json.text(a, "id") : a.asText()),
        event == null ? null : EventView.fromJson(event));
  }
}
