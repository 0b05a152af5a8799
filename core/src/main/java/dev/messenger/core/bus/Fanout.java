package dev.messenger.core.bus;

import dev.messenger.core.model.Member;
import java.util.Collection;

/**
 * Rings the doorbells after a commit: the same event object for every recipient user, so the edge
 * encodes it once; the bus may carry it once per node ({@link Bus#publishToUsers}). Thread-safe.
 */
public final class Fanout {
  private final Bus bus;

  public Fanout(Bus bus) {
    this.bus = bus;
  }

  /** Publishes {@code event} to every user in {@code members}. */
  public void toMembers(Collection<Member> members, BusEvent event) {
    bus.publishToUsers(members.stream().map(Member::userId).toList(), event);
  }

  /**
   * Tells every node that what it cached of a conversation's members is stale (a member's settings
   * changed): {@link BusEvent.MembershipChanged} on {@link Topics#members()}.
   */
  public void membersChanged(String conversationId) {
    bus.publish(Topics.members(), new BusEvent.MembershipChanged(conversationId));
  }

  /** Publishes {@code event} to one user. */
  public void toUser(String userId, BusEvent event) {
    bus.publish(Topics.user(userId), event);
  }
}
