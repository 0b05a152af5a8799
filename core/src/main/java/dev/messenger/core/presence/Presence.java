package dev.messenger.core.presence;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.User;
import dev.messenger.core.blocking.BlockRule;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.store.ConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence (PROTOCOL.md "Presence"): a user is online while one of its devices is connected; after
 * the last one leaves, offline is announced {@code grace} later unless it came back, and {@code
 * lastSeen} is stored. Presence of X is visible to V when they share a conversation or X has V in
 * its contacts, and neither blocks the other. Thread-safe; {@link #view} blocks on store reads.
 */
public final class Presence {
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

  private final PresenceRegistry registry;
  private final AccountStore accounts;
  private final ConversationStore store;
  private final Bus bus;
  private final Clock clock;
  private final Timers timers;
  private final Duration grace;
  private final BlockRule blocks;

  /** Offline announcements waiting for the grace to pass, by user. */
  private final Map<String, Timers.Cancellable> pendingOffline = new ConcurrentHashMap<>();

  public Presence(
      PresenceRegistry registry,
      AccountStore accounts,
      ConversationStore store,
      Bus bus,
      Clock clock,
      Timers timers,
      Duration grace) {
    this(registry, accounts, store, bus, clock, timers, grace, BlockRule.NONE);
  }

  /**
   * @param blocks presence is hidden between two users while either blocks the other (PROTOCOL.md
   *     section 6)
   */
  public Presence(
      PresenceRegistry registry,
      AccountStore accounts,
      ConversationStore store,
      Bus bus,
      Clock clock,
      Timers timers,
      Duration grace,
      BlockRule blocks) {
    this.registry = registry;
    this.accounts = accounts;
    this.store = store;
    this.bus = bus;
    this.clock = clock;
    this.timers = timers;
    this.grace = grace;
    this.blocks = blocks;
  }

  /** A connection of the user opened. Announces online unless the user was within its grace. */
  public void connected(String userId, String connectionId) {
    boolean first = registry.connect(userId, connectionId);
    Timers.Cancellable pending = pendingOffline.remove(userId);
    if (pending != null) {
      pending.cancel();
      return;
    }
    if (first) {
      bus.publish(
          Topics.presence(userId), new BusEvent.PresenceChanged(userId, true, clock.millis()));
    }
  }

  /** A connection closed. The last one starts the grace before offline is announced. */
  public void disconnected(String userId, String connectionId) {
    if (!registry.disconnect(userId, connectionId)) {
      return;
    }
    Timers.Cancellable task = timers.schedule(grace, () -> goOffline(userId));
    Timers.Cancellable previous = pendingOffline.put(userId, task);
    if (previous != null) {
      previous.cancel();
    }
  }

  /**
   * A user's connections were on a node that died (cluster mode): announce offline now, unless the
   * user is online elsewhere. The grace has already passed while the node was found dead.
   */
  public void lostWithNode(String userId) {
    goOffline(userId);
  }

  private void goOffline(String userId) {
    if (registry.isOnline(userId)) {
      pendingOffline.remove(userId);
      return;
    }
    long now = clock.millis();
    accounts
        .setLastSeen(userId, now)
        .whenComplete(
            (ok, err) -> {
              if (err != null) {
                LOG.warn("could not store lastSeen of {}", userId, err);
              }
              pendingOffline.remove(userId);
              if (!registry.isOnline(userId)) {
                bus.publish(
                    Topics.presence(userId), new BusEvent.PresenceChanged(userId, false, now));
              }
            });
  }

  /** True if {@code viewerId} may see {@code targetId}'s presence. */
  public boolean visible(String viewerId, String targetId) {
    if (viewerId.equals(targetId)) {
      return true;
    }
    if (blocks.between(viewerId, targetId)) {
      return false;
    }
    return accounts.hasContact(targetId, viewerId) || store.shareConversation(viewerId, targetId);
  }

  /** The target's presence if the viewer may see it; empty otherwise (or for no such user). */
  public Optional<PresenceStatus> view(String viewerId, String targetId) {
    if (targetId == null || targetId.length() > 64 || !visible(viewerId, targetId)) {
      return Optional.empty();
    }
    return accounts.user(targetId).map(this::statusOf);
  }

  /** The user's presence now: online (lastSeen now) while within its grace or connected. */
  public PresenceStatus statusOf(User user) {
    boolean online = registry.isOnline(user.id()) || pendingOffline.containsKey(user.id());
    return new PresenceStatus(user.id(), online, online ? clock.millis() : user.lastSeen());
  }
}
