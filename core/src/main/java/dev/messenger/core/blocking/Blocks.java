package dev.messenger.core.blocking;

import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.User;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking (PROTOCOL.md section 6): {@code PUT}/{@code DELETE /api/v1/blocks/{userId}} and the
 * {@link BlockRule} the send path, direct conversations, group additions, presence and typing ask.
 *
 * <p>Each user's blocks (both directions) are cached in memory so that the send path and typing
 * read no row; a change committed here drops both users' entries on this node at once and is
 * published on {@link Topics#blocks()} (every node drops them when it hears it, and everything
 * after a bus reconnect: {@link #clear}) and to both users' topics (their sessions stop watching
 * each other's presence). A read that races an invalidation is not cached. Bounded at {@code
 * maxUsers} entries: when full the whole cache is dropped and refilled on demand (a miss reads the
 * store once). The blocked user is never told.
 *
 * <p>Thread-safe. {@link #block} and {@link #unblock} report failures in their future ({@code
 * not_found} for no such user, {@code bad_request} for oneself); {@link #list} blocks on a read.
 */
public final class Blocks implements BlockRule {
  private record Entry(Set<String> blocking, Set<String> blockers) {}

  private final BlockStore store;
  private final AccountStore accounts;
  private final Bus bus;
  private final Clock clock;
  private final int maxUsers;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param maxUsers most users whose blocks are kept in memory
   */
  public Blocks(BlockStore store, AccountStore accounts, Bus bus, Clock clock, int maxUsers) {
    this.store = store;
    this.accounts = accounts;
    this.bus = bus;
    this.clock = clock;
    this.maxUsers = maxUsers;
  }

  /** The caller blocks {@code userId}; 204 also when it already did. */
  public CompletableFuture<Void> block(Caller caller, String userId) {
    return Futures.attempt(
        () -> {
          requireOther(caller, userId);
          return store
              .block(caller.userId(), userId, clock.millis())
              .thenRun(() -> changed(caller.userId(), userId, true));
        });
  }

  /** The caller lifts its block of {@code userId}; 204 also when there was none. */
  public CompletableFuture<Void> unblock(Caller caller, String userId) {
    return Futures.attempt(
        () -> {
          requireOther(caller, userId);
          return store
              .unblock(caller.userId(), userId)
              .thenRun(() -> changed(caller.userId(), userId, false));
        });
  }

  /** The users the caller blocks, by username. Blocks on a read. */
  public List<User> list(String userId) {
    return store.blockedBy(userId);
  }

  @Override
  public boolean blocks(String blockerId, String blockedId) {
    if (blockerId == null || blockedId == null) {
      return false;
    }
    return entry(blockerId).blocking().contains(blockedId);
  }

  /**
   * True while either user blocks the other, answered from {@code a}'s entry alone (it holds both
   * directions), so that a caller that warmed its own entry reads nothing.
   */
  @Override
  public boolean between(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    Entry e = entry(a);
    return e.blocking().contains(b) || e.blockers().contains(b);
  }

  /** Loads the user's blocks into the cache (call it off the event loop, e.g. at connect). */
  public void warm(String userId) {
    entry(userId);
  }

  /** Forgets one user's cached blocks (a change heard from the bus). */
  public void invalidate(String userId) {
    generation.incrementAndGet();
    cache.remove(userId);
  }

  /** Forgets every cached block (the bus lost events). */
  public void clear() {
    generation.incrementAndGet();
    cache.clear();
  }

  private Entry entry(String userId) {
    Entry e = cache.get(userId);
    if (e != null) {
      return e;
    }
    long before = generation.get();
    Entry loaded =
        new Entry(Set.copyOf(store.blocking(userId)), Set.copyOf(store.blockers(userId)));
    if (generation.get() == before) {
      if (cache.size() >= maxUsers) {
        cache.clear();
      }
      cache.put(userId, loaded);
    }
    return loaded;
  }

  private void changed(String blockerId, String blockedId, boolean blocked) {
    invalidate(blockerId);
    invalidate(blockedId);
    var event = new BusEvent.BlockChanged(blockerId, blockedId, blocked);
    bus.publish(Topics.blocks(), event);
    bus.publish(Topics.user(blockerId), event);
    bus.publish(Topics.user(blockedId), event);
  }

  private void requireOther(Caller caller, String userId) {
    if (userId == null || userId.length() > 64 || accounts.user(userId).isEmpty()) {
      throw MessengerException.notFound("no such user");
    }
    if (userId.equals(caller.userId())) {
      throw MessengerException.badRequest("you cannot block yourself");
    }
  }
}
