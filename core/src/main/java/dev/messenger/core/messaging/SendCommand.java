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
 * @throws MessengerException {@code bad_request} if the client id is missing or not 1-64 code
 *     points, the body is missing without attachments, the body or client id holds NUL or an
 *     unpaired surrogate, there are too many attachments or a null one, or not exactly one of
 *     {@code conversationId} and {@code to} is given
 */
public record SendCommand(
    String conversationId, String to, String clientId, String body, List<String> attachments) {

  /** Most attachments on one message (docs/protocol.md: at most 10 media ids). */
  public static final int MAX_ATTACHMENTS = 10;

  public SendCommand {
    Text.requireLength("clientId", clientId, 1, 64);
    attachments = attachments == null ? List.of() : attachments;
    if (body == null && attachments.isEmpty()) {
      throw MessengerException.badRequest("body is required");
    }
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
