package dev.messenger.core.messaging;

import dev.messenger.core.conversations.Conversation;
import dev.messenger.core.conversations.Member;
import dev.messenger.core.receipts.CursorMove;
import dev.messenger.core.receipts.ReceiptStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable store of conversations, members, messages and receipt cursors; the truth of the
 * system (DESIGN.md principle 1).
 *
 * <p>Writes return futures completed only after the change is committed durably ("acknowledged
 * means durable"); they fail with a {@link dev.messenger.core.MessengerException}: {@code
 * unavailable} when the commit failed, or the code named on the method. Writes to one conversation
 * complete in seq order. Reads are synchronous, may block on I/O, and see every completed write.
 * Implementations are thread-safe.
 */
public interface MessageStore {

  /**
   * Appends a user message: assigns the conversation's next seq and stores it, or, if the sender
   * already stored a message with the same clientId, returns that one marked duplicate. Fails with
   * {@code not_found} if the conversation does not exist.
   */
  CompletableFuture<AppendResult> append(NewMessage message);

  /**
   * The direct conversation between two users, created (with both as members, joined at seq 1) if
   * there is none. One per pair, whatever the order of the arguments.
   */
  CompletableFuture<Conversation> openDirect(String userA, String userB, String newId, long ts);

  /**
   * Creates a group whose first message (seq 1) is the {@code created} system message; the creator
   * is admin, the others members, all joined at seq 1. Returns that message.
   */
  CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts);

  /**
   * Appends a system message for a membership change or rename and applies it in the same
   * transaction: {@code member_added} makes the user an active member joined at the new seq, with
   * its cursors raised to just below it (nothing before the join counts as unread), {@code
   * member_removed}/{@code member_left} ends the membership at the new seq, {@code renamed} sets
   * the name. Returns the stored message.
   */
  CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts);

  /**
   * Raises the member's cursor for {@code status} to {@code seq} ({@code read} raises {@code
   * delivered} too); never lowers it. Fails with {@code bad_request} if {@code seq} is above the
   * conversation's last seq, {@code not_found} if the user is not an active member.
   */
  CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq);

  Optional<Conversation> conversation(String conversationId);

  /** The direct conversation between two users, in either order, if it exists. */
  Optional<Conversation> findDirect(String userA, String userB);

  /** The membership of the user, active or ended, if it ever existed. */
  Optional<Member> member(String conversationId, String userId);

  /** The active members, in the order they joined. */
  List<Member> activeMembers(String conversationId);

  /** The conversations the user is an active member of, most recently active first. */
  List<Conversation> conversationsOf(String userId);

  /**
   * Messages of a conversation with {@code seq >= minSeq}, ascending. With {@code after}: the first
   * {@code limit} with seq above it; with {@code before}: the last {@code limit} below it; with
   * both: the first {@code limit} strictly between them; with neither: the newest {@code limit}.
   */
  List<Message> messages(String conversationId, long minSeq, Long before, Long after, int limit);

  /** True if both users are active members of at least one common conversation. */
  boolean shareConversation(String userA, String userB);
}
