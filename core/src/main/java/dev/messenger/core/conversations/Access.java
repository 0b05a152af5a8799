package dev.messenger.core.conversations;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Member;
import dev.messenger.core.store.ConversationStore;
import java.util.Optional;

/**
 * The access rule of PROTOCOL.md "Conversations": a non-member gets {@code not_found}, a member who
 * left or was removed gets {@code forbidden}. Thread-safe; blocks on the store.
 */
public final class Access {
  private final ConversationStore store;

  public Access(ConversationStore store) {
    this.store = store;
  }

  /** The caller's active membership, or the error the protocol prescribes. */
  public Member requireActive(String conversationId, String userId) {
    if (conversationId == null || conversationId.isEmpty() || conversationId.length() > 64) {
      throw MessengerException.notFound("no such conversation");
    }
    Optional<Member> m = store.member(conversationId, userId);
    if (m.isEmpty()) {
      throw MessengerException.notFound("no such conversation");
    }
    if (!m.get().active()) {
      throw MessengerException.forbidden("you are no longer a member of this conversation");
    }
    return m.get();
  }
}
