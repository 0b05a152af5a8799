package dev.messenger.core.store;

import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.Update;
import java.util.List;

/**
 * An update entry to append (PROTOCOL.md section 4): everything but the seq, which the store
 * assigns if the change is not a no-op. {@code senderId} is who makes the change, {@code
 * senderDeviceId} the device whose socket asked (null over HTTP), {@code ts} ms since the epoch.
 */
public record NewUpdate(
    String conversationId, String senderId, String senderDeviceId, long ts, Update update) {

  /** The update entry this becomes when stored at {@code seq}: kind update, empty body. */
  public Message at(long seq) {
    return new Message(
        conversationId,
        seq,
        senderId,
        senderDeviceId,
        null,
        ts,
        Message.Kind.UPDATE,
        "",
        List.of(),
        null,
        MessageDetails.of(update));
  }
}
