package dev.messenger.core.store;

import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Conversations and their membership: creation, membership changes and renames (each recorded as a
 * system message in the same transaction), and the reads of who is in what. Guarantees, failures
 * and thread-safety as in the {@linkplain dev.messenger.core.store package} description. The
 * membership rules are {@link dev.messenger.core.model.Membership}'s.
 */
public interface ConversationStore {

  /**
   * The direct conversation between two users, created (with both as {@linkplain
   * dev.messenger.core.model.Membership#founder founding} members) if there is none. One per pair,
   * whatever the order of the arguments.
   */
  CompletableFuture<Conversation> openDirect(String userA, String userB, String newId, long ts);

  /**
   * Creates a group whose first message (seq 1) is the {@code created} system message; the creator
   * is admin, the others members, all founding members. Returns that message.
   */
  CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts);

  /**
   * Appends a system message for a membership change or rename and applies it in the same
   * transaction: {@code member_added} makes the user a member {@linkplain
   * dev.messenger.core.model.Membership#joined joined} at the new seq, {@code
   * member_removed}/{@code member_left} {@linkplain dev.messenger.core.model.Membership#left ends}
   * the membership at the new seq and hands admin to the {@linkplain
   * dev.messenger.core.model.Membership#heir heir} if no admin is left, {@code renamed} sets the
   * name. Returns the stored message. Fails with {@code not_found} if the conversation does not
   * exist, {@code bad_request} for {@code created}.
   */
  CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts);

  /** The conversation, if it exists. */
  Optional<Conversation> conversation(String conversationId);

  /** The direct conversation between two users, in either order, if it exists. */
  Optional<Conversation> findDirect(String userA, String userB);

  /** The membership of the user, active or ended, if it ever existed. */
  Optional<Member> member(String conversationId, String userId);

  /**
   * The active members, in {@linkplain dev.messenger.core.model.Membership#SENIORITY seniority}
   * order.
   */
  List<Member> activeMembers(String conversationId);

  /**
   * The active members as a fan-out list: who is in the conversation now, with cursors that may be
   * stale, possibly from a cache ({@link CachedMembership}). Never use it for receipts or
   * summaries.
   */
  default List<Member> fanoutMembers(String conversationId) {
    return activeMembers(conversationId);
  }

  /** True if {@link #fanoutMembers} of the conversation answers from memory, without blocking. */
  default boolean fanoutMembersCached(String conversationId) {
    return false;
  }

  /** The conversations the user is an active member of, most recently active first. */
  List<Conversation> conversationsOf(String userId);

  /** True if both users are active members of at least one common conversation. */
  boolean shareConversation(String userA, String userB);
}
