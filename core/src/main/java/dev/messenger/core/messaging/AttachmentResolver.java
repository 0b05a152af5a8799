package dev.messenger.core.messaging;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Attachment;
import java.util.List;

/**
 * Turns the media ids of a {@code send} into the media objects the message will carry, checking
 * that the sender may attach them (PROTOCOL.md "Media"). Implemented by {@link
 * dev.messenger.core.media.Media}. Implementations are thread-safe and may block on I/O.
 */
@FunctionalInterface
public interface AttachmentResolver {
  /** Refuses every attachment: for a node without media support. */
  AttachmentResolver NONE =
      (userId, ids) -> {
        if (!ids.isEmpty()) {
          throw MessengerException.badRequest("attachments are not supported by this server");
        }
        return List.of();
      };

  /**
   * The media objects for {@code mediaIds}, in the same order.
   *
   * @throws MessengerException {@code not_found} naming the first id the user may not attach
   */
  List<Attachment> resolve(String userId, List<String> mediaIds);
}
