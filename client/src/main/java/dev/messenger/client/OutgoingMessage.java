package dev.messenger.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A message to send, with the optional parts of PROTOCOL.md section 4: the seq it answers, the
 * users it mentions, or the message it forwards (instead of a body and attachments). Built with
 * {@link #text}, {@link #toUser} or {@link #forward} and the {@code with*} methods; sent with
 * {@link SocketChanges#send} or {@link MessageApi#post}. Immutable.
 *
 * @param conversationId the conversation; null when {@code to} is given
 * @param to a user id: the direct conversation with that user (WebSocket only); null otherwise
 * @param clientId the idempotency key, 1-64 code points
 * @param body the text; null when forwarding
 * @param attachments media ids; never null
 * @param replyTo the seq of a {@code text} message of the same conversation this one answers, or
 *     null
 * @param mentions user ids of current members mentioned, at most 50; never null
 * @param forward the message copied, or null
 */
public record OutgoingMessage(
    String conversationId,
    String to,
    String clientId,
    String body,
    List<String> attachments,
    Long replyTo,
    List<String> mentions,
    Forward forward) {

  /** The message a forward copies: {@code {"conversationId", "seq"}}. */
  public record Forward(String conversationId, long seq) {}

  /**
   * Copies the lists; null becomes an empty list.
   *
   * @throws IllegalArgumentException unless exactly one of {@code conversationId} and {@code to} is
   *     given, or when {@code forward} comes with a body or attachments
   */
  public OutgoingMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    if ((conversationId == null) == (to == null)) {
      throw new IllegalArgumentException("give exactly one of conversationId and to");
    }
    if (forward != null && (body != null || !attachments.isEmpty())) {
      throw new IllegalArgumentException("a forward has no body or attachments of its own");
    }
  }

  /** A text message to a conversation. */
  public static OutgoingMessage text(String conversationId, String clientId, String body) {
    return new OutgoingMessage(conversationId, null, clientId, body, null, null, null, null);
  }

  /** A text message to the direct conversation with {@code userId} (WebSocket only). */
  public static OutgoingMessage toUser(String userId, String clientId, String body) {
    return new OutgoingMessage(null, userId, clientId, body, null, null, null, null);
  }

  /** Forwards message {@code seq} of {@code fromConversationId} to {@code conversationId}. */
  public static OutgoingMessage forward(
      String conversationId, String clientId, String fromConversationId, long seq) {
    return new OutgoingMessage(
        conversationId,
        null,
        clientId,
        null,
        null,
        null,
        null,
        new Forward(fromConversationId, seq));
  }

  /** A copy answering message {@code seq} of the same conversation. */
  public OutgoingMessage withReplyTo(long seq) {
    return new OutgoingMessage(
        conversationId, to, clientId, body, attachments, seq, mentions, forward);
  }

  /** A copy mentioning {@code userIds}. */
  public OutgoingMessage withMentions(List<String> userIds) {
    return new OutgoingMessage(
        conversationId, to, clientId, body, attachments, replyTo, userIds, forward);
  }

  /** A copy carrying the media {@code mediaIds}. */
  public OutgoingMessage withAttachments(List<String> mediaIds) {
    return new OutgoingMessage(
        conversationId, to, clientId, body, mediaIds, replyTo, mentions, forward);
  }

  /**
   * The fields as a JSON object, as the HTTP body of {@code POST .../messages} takes them; a {@code
   * send} frame adds {@code type} and {@code ref}. Empty and null parts are left out.
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("clientId", clientId);
    if (conversationId != null) {
      o.put("conversationId", conversationId);
    }
    if (to != null) {
      o.put("to", to);
    }
    if (body != null) {
      o.put("body", body);
    }
    if (!attachments.isEmpty()) {
      attachments.forEach(o.putArray("attachments")::add);
    }
    if (replyTo != null) {
      o.put("replyTo", replyTo);
    }
    if (!mentions.isEmpty()) {
      mentions.forEach(o.putArray("mentions")::add);
    }
    if (forward != null) {
      o.putObject("forward")
          .put("conversationId", forward.conversationId())
          .put("seq", forward.seq());
    }
    return o;
  }
}
