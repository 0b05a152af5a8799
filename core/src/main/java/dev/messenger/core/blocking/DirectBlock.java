package dev.messenger.core.blocking;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.store.ConversationStore;
import java.util.List;

/**
 * The send path's block check (PROTOCOL.md section 6): no message in a direct conversation while
 * either user blocks the other. Stateless.
 */
public final class DirectBlock {
  private DirectBlock() {}

  /**
   * Refuses a send by {@code senderId} into {@code conversationId} whose active members are {@code
   * members}. Reads nothing unless the two members of a two-member conversation are blocked (the
   * rule answers from the sender's cached entry, loaded when its socket authenticated): only then
   * is the conversation's kind read.
   *
   * @throws MessengerException {@code forbidden} for a direct conversation under a block
   */
  public static void check(
      BlockRule blocks,
      ConversationStore store,
      String conversationId,
      String senderId,
      List<Member> members) {
    if (members.size() != 2) {
      return;
    }
    String other =
        members.get(0).userId().equals(senderId)
            ? members.get(1).userId()
            : members.get(0).userId();
    if (!blocks.between(senderId, other)) {
      return;
    }
    boolean direct =
        store
            .conversation(conversationId)
            .map(c -> c.kind() == Conversation.Kind.DIRECT)
            .orElse(false);
    if (direct) {
      throw MessengerException.forbidden("you cannot chat with this user");
    }
  }
}
