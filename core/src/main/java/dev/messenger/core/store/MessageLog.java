package dev.messenger.core.store;

import dev.messenger.core.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The messages of every conversation, numbered by seq (1, 2, 3, ... without gaps): appends of user
 * messages, range reads and single reads, always in their current state. System messages enter
 * through {@link ConversationStore}. Guarantees, failures and thread-safety as in the {@linkplain
 * dev.messenger.core.store package} description.
 */
public interface MessageLog {

  /**
   * Appends a user message: assigns the conversation's next seq and stores it, or, if the sender
   * already stored a message with the same clientId, returns that one marked duplicate. Fails with
   * {@code not_found} if the conversation does not exist.
   */
  CompletableFuture<AppendResult> append(NewMessage message);

  /**
   * Messages of a conversation with {@code seq >= minSeq}, ascending. With {@code after}: the first
   * {@code limit} with seq above it; with {@code before}: the last {@code limit} below it; with
   * both: the first {@code limit} strictly between them; with neither: the newest {@code limit}.
   * Empty for an unknown conversation.
   */
  List<Message> messages(String conversationId, long minSeq, Long before, Long after, int limit);

  /**
   * The message at {@code seq} in its current state (PROTOCOL.md section 4: edits, deletion and
   * reactions applied), if it exists.
   */
  Optional<Message> message(String conversationId, long seq);
}
