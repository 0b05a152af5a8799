package dev.messenger.core.store;

import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import java.util.List;

/**
 * A user message to append: everything but the seq, which the store assigns. {@code attachments}
 * are media objects already checked by the send path ({@code Messaging}) (empty if none); {@code
 * senderDeviceId} is the sending device as in {@link Message#senderDeviceId()} (null when sent over
 * HTTP); {@code details} carries {@code replyTo}, {@code mentions} and {@code forwarded}
 * (PROTOCOL.md section 4).
 */
public record NewMessage(
    String conversationId,
    String senderId,
    String senderDeviceId,
    String clientId,
    long ts,
    String body,
    List<Attachment> attachments,
    MessageDetails details) {

  public NewMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    details = details == null ? MessageDetails.NONE : details;
  }

  /** A message without reply, mentions or forward ({@link MessageDetails#NONE}). */
  public NewMessage(
      String conversationId,
      String senderId,
      String senderDeviceId,
      String clientId,
      long ts,
      String body,
      List<Attachment> attachments) {
    this(conversationId, senderId, senderDeviceId, clientId, ts, body, attachments, null);
  }

  /** The text message this becomes when stored at {@code seq}. */
  public Message at(long seq) {
    return new Message(
        conversationId,
        seq,
        senderId,
        senderDeviceId,
        clientId,
        ts,
        Message.Kind.TEXT,
        body,
        attachments,
        null,
        details);
  }
}
