package dev.messenger.core.messaging;

import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import java.util.List;
import java.util.Objects;

/**
 * A send as a client asks for it (WebSocket {@code send} or HTTP {@code POST
 * /conversations/{id}/messages}): exactly one of {@code conversationId} and {@code to} (a user id:
 * the direct conversation with that user). Both edges build it, so the rules that need no settings
 * and their messages exist here only; the length limit ({@code max-message-chars}) and the blank
 * check after it are {@link Messaging#send}'s. Immutable.
 *
 * @param clientId the client's idempotency key, 1-64 code points
 * @param body the text; may be null (stored as {@code ""}) only when there are attachments
 * @param attachments media ids, at most {@value #MAX_ATTACHMENTS}; null is none
 * @param replyTo the seq this message answers (PROTOCOL.md section 4), or null
 * @param mentions user ids mentioned, at most {@value #MAX_MENTIONS} (repeats dropped); null is
 *     none
 * @param forward the message to copy, instead of {@code body} and {@code attachments}, or null
 * @throws MessengerException {@code bad_request} if the client id is missing or not 1-64 code
 *     points, the body is missing without attachments, the body or client id holds NUL or an
 *     unpaired surrogate, there are too many attachments or a null one, or not exactly one of
 *     {@code conversationId} and {@code to} is given
 */
public record SendCommand(
    String conversationId,
    String to,
    String clientId,
    String body,
    List<String> attachments,
    Long replyTo,
    List<String> mentions,
    Forward forward) {

  /** Most attachments on one message (docs/protocol.md: at most 10 media ids). */
  public static final int MAX_ATTACHMENTS = 10;

  /** Most users one message mentions (PROTOCOL.md section 4). */
  public static final int MAX_MENTIONS = 50;

  /** The message to copy instead of a body and attachments (PROTOCOL.md section 4). */
  public record Forward(String conversationId, long seq) {}

  /** A plain send: no reply, mentions or forward. */
  public SendCommand(
      String conversationId, String to, String clientId, String body, List<String> attachments) {
    this(conversationId, to, clientId, body, attachments, null, null, null);
  }

  public SendCommand {
    Text.requireLength("clientId", clientId, 1, 64);
    attachments = attachments == null ? List.of() : attachments;
    if (forward != null) {
      if (body != null || !attachments.isEmpty()) {
        throw MessengerException.badRequest("give either forward or body and attachments");
      }
      if (forward.conversationId() == null || forward.seq() < 1) {
        throw MessengerException.badRequest("forward needs conversationId and a seq >= 1");
      }
      body = "";
    }
    if (body == null && attachments.isEmpty()) {
      throw MessengerException.badRequest("body is required");
    }
    if (replyTo != null && replyTo < 1) {
      throw MessengerException.badRequest("replyTo must be a seq >= 1");
    }
    mentions = mentions == null ? List.of() : mentions;
    if (mentions.size() > MAX_MENTIONS || mentions.stream().anyMatch(Objects::isNull)) {
      throw MessengerException.badRequest(
          "mentions must be an array of at most " + MAX_MENTIONS + " user ids");
    }
    mentions = mentions.stream().distinct().toList();
    body = Text.requireClean("body", body == null ? "" : body);
    if (attachments.size() > MAX_ATTACHMENTS) {
      throw MessengerException.badRequest(
          "attachments must be an array of at most " + MAX_ATTACHMENTS + " media ids");
    }
    if (attachments.stream().anyMatch(Objects::isNull)) {
      throw MessengerException.badRequest("attachments must hold media ids");
    }
    attachments = List.copyOf(attachments);
    if ((conversationId == null) == (to == null)) {
      throw MessengerException.badRequest("give exactly one of conversationId and to");
    }
  }
}
