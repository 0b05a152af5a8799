package dev.messenger.core.model;

import dev.messenger.core.MessengerException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The membership rules every store applies in the transaction of a membership change: who a new
 * member is, where a re-added member's cursors start, who inherits admin. Adapters read the rows,
 * call these functions and write back what they return; they decide nothing themselves. Pure
 * functions, thread-safe.
 */
public final class Membership {
  /** The order of seniority: joined first, then by user id. */
  public static final Comparator<Member> SENIORITY =
      Comparator.comparingLong(Member::joinedSeq).thenComparing(Member::userId);

  private Membership() {}

  /** A founding member of a new conversation: sees it from seq 1, has acked nothing. */
  public static Member founder(String conversationId, String userId, Member.Role role) {
    return new Member(conversationId, userId, role, 1, 0, 0, 0);
  }

  /**
   * The member after {@code member_added} at {@code seq}: an active plain member that sees the
   * conversation from {@code seq} on. Nothing before the join is visible to it, so nothing before
   * it counts as unread: both cursors are raised to {@code seq - 1}, or kept if a former membership
   * left them higher.
   *
   * @param previous the user's ended membership of this conversation, or null if it had none
   */
  public static Member joined(Member previous, String conversationId, String userId, long seq) {
    long delivered = Math.max(seq - 1, previous == null ? 0 : previous.deliveredSeq());
    long read = Math.max(seq - 1, previous == null ? 0 : previous.readSeq());
    return new Member(conversationId, userId, Member.Role.MEMBER, seq, delivered, read, 0);
  }

  /** The member after {@code member_removed} or {@code member_left} at {@code seq}. */
  public static Member left(Member member, long seq) {
    return new Member(
        member.conversationId(),
        member.userId(),
        member.role(),
        member.joinedSeq(),
        member.deliveredSeq(),
        member.readSeq(),
        seq,
        member.settings());
  }

  /**
   * A group never stays without an admin: when no active member is admin, the longest-standing
   * active member (see {@link #SENIORITY}) becomes one. Returns that member as admin, or empty if
   * an admin remains or nobody is left.
   *
   * @param members the conversation's members after the change (ended ones are ignored)
   */
  public static Optional<Member> heir(Collection<Member> members) {
    boolean hasAdmin = members.stream().anyMatch(m -> m.active() && m.role() == Member.Role.ADMIN);
    if (hasAdmin) {
      return Optional.empty();
    }
    return members.stream()
        .filter(Member::active)
        .min(SENIORITY)
        .map(
            m ->
                new Member(
                    m.conversationId(),
                    m.userId(),
                    Member.Role.ADMIN,
                    m.joinedSeq(),
                    m.deliveredSeq(),
                    m.readSeq(),
                    m.leftSeq(),
                    m.settings()));
  }

  /**
   * Checks that a store may append and apply {@code event} to an existing conversation.
   *
   * @throws MessengerException {@code bad_request} for {@code created}: a group is created once
   */
  public static void requireApplicable(SystemEvent event) {
    if (event.action() == SystemEvent.Action.CREATED) {
      throw MessengerException.badRequest("a group is created only once");
    }
  }
}
