package dev.messenger.core.typing;

import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.blocking.BlockRule;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.conversations.Access;
import dev.messenger.core.model.Member;
import dev.messenger.core.store.ConversationStore;

/**
 * Relays {@code typing} to the other members' connected devices; nothing is stored. Thread-safe;
 * blocks on a store read. Fails with {@code bad_request} for a state other than start/stop and with
 * the access errors for non-members.
 */
public final class TypingRelay {
  private final ConversationStore store;
  private final Access access;
  private final Fanout fanout;
  private final BlockRule blocks;

  public TypingRelay(ConversationStore store, Fanout fanout) {
    this(store, fanout, BlockRule.NONE);
  }

  /**
   * @param blocks typing is not relayed between two users while either blocks the other
   *     (PROTOCOL.md section 6)
   */
  public TypingRelay(ConversationStore store, Fanout fanout, BlockRule blocks) {
    this.store = store;
    this.access = new Access(store);
    this.fanout = fanout;
    this.blocks = blocks;
  }

  public void relay(Caller caller, String conversationId, String state) {
    if (!"start".equals(state) && !"stop".equals(state)) {
      throw MessengerException.badRequest("state must be start or stop");
    }
    access.requireActive(conversationId, caller.userId());
    var event = new BusEvent.Typing(conversationId, caller.userId(), state);
    for (Member m : store.fanoutMembers(conversationId)) {
      if (!m.userId().equals(caller.userId()) && !blocks.between(caller.userId(), m.userId())) {
        fanout.toUser(m.userId(), event);
      }
    }
  }
}
