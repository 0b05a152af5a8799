package dev.messenger.core.privacy;

import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.model.Message;
import java.util.List;

/**
 * The export of one user (PROTOCOL.md section 8, {@code GET /api/v1/users/me/export}, GDPR article
 * 20): the user, its contacts, blocks and devices, the summaries of its conversations and every
 * message it sent, with media ids. Built in memory in one go (a user's own messages; the edge
 * writes it as one JSON document). Thread-safe; blocks on the store.
 */
public final class Export {
  /** Everything held about one user. */
  public record Data(
      User user,
      List<User> contacts,
      List<User> blocks,
      List<Device> devices,
      List<ConversationSummary> conversations,
      List<Message> messages) {}

  private final Accounts accounts;
  private final Conversations conversations;
  private final ErasureStore store;

  public Export(Accounts accounts, Conversations conversations, ErasureStore store) {
    this.accounts = accounts;
    this.conversations = conversations;
    this.store = store;
  }

  /**
   * The export of {@code userId}.
   *
   * @throws MessengerException {@code not_found} for no such user or an erased one
   */
  public Data of(String userId) {
    User u =
        accounts
            .findUser(userId)
            .filter(x -> !x.deleted())
            .orElseThrow(() -> MessengerException.notFound("no such user"));
    return new Data(
        u,
        accounts.contacts(userId),
        store.blocksOf(userId),
        store.allDevicesOf(userId),
        conversations.list(userId),
        store.messagesOf(userId));
  }
}
