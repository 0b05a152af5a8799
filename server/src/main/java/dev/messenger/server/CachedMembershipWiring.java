package dev.messenger.server;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.store.CachedMembership;
import dev.messenger.core.store.ConversationStore;

/**
 * Wires the membership cache of the send path to the bus: a change committed on this node is
 * published on {@link Topics#members()}, every node (this one included) drops that conversation
 * when it hears it, and a bus reconnect (events may have been lost) drops everything. Part of the
 * composition root.
 */
final class CachedMembershipWiring {
  /** Most conversations whose members one node keeps in memory (about 200 bytes each). */
  static final int MAX_CONVERSATIONS = 100_000;

  private CachedMembershipWiring() {}

  static CachedMembership open(ConversationStore store, Bus bus) {
    CachedMembership membership =
        new CachedMembership(
            store,
            id -> bus.publish(Topics.members(), new BusEvent.MembershipChanged(id)),
            MAX_CONVERSATIONS);
    bus.subscribe(
        Topics.members(),
        e -> {
          if (e instanceof BusEvent.MembershipChanged m) {
            membership.invalidate(m.conversationId());
          }
        });
    bus.onReconnect(membership::clear);
    return membership;
  }
}
