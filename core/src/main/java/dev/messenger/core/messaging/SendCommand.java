package dev.messenger.core.messaging;

import java.util.List;

/**
 * A send as a client asks for it (WebSocket {@code send} or HTTP POST messages): exactly one of
 * {@code conversationId} and {@code to} (a user id: the direct conversation with that user).
 */
public record SendCommand(
    String conversationId, String to, String clientId, String body, List<String> attachments) {

  public SendCommand {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }
}
