package dev.messenger.core.messaging;

import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import java.util.List;

/**
 * Told about every new user message once it is committed (DESIGN.md "The send path", step 5: the
 * push queue). Called on the store's completion thread before the sender's future completes, so it
 * must return at once: hand the work to another thread. It is not called for idempotent resends.
 */
@FunctionalInterface
public interface StoredMessageListener {
  /** Does nothing. */
  StoredMessageListener NONE = (message, members) -> {};

  /**
   * @param message the stored message
   * @param members the conversation's active members when it was sent, the sender included
   */
  void stored(Message message, List<Member> members);
}
