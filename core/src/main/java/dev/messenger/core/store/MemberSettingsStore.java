package dev.messenger.core.store;

import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * What each member keeps for itself (PROTOCOL.md section 5): mute, archive, "clear chat for me",
 * and the unread count they shape. Guarantees, failures and thread-safety as in the {@linkplain
 * dev.messenger.core.store package} description.
 */
public interface MemberSettingsStore {

  /**
   * Applies {@code change} to the member's settings in one write transaction (so concurrent changes
   * from several devices never undo each other) and returns the member after it. Fails with {@code
   * not_found} if the user is not an active member.
   */
  CompletableFuture<Member> changeSettings(
      String conversationId, String userId, UnaryOperator<MemberSettings> change);

  /**
   * The member's unread count: {@code text} messages of others, not deleted, visible to it, with
   * seq above its {@code readSeq} and {@code clearedSeq}.
   */
  long unreadCount(Member member);

  /** {@link #unreadCount} of every conversation the user is an active member of. */
  Map<String, Long> unreadCounts(String userId);
}
