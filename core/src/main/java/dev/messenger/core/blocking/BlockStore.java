package dev.messenger.core.blocking;

import dev.messenger.core.accounts.User;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The durable list of who blocks whom (PROTOCOL.md section 6). Reads are synchronous and may block
 * on I/O; writes return a future completed once committed, failed with a {@link
 * dev.messenger.core.MessengerException} ({@code unavailable}). Implementations are thread-safe.
 */
public interface BlockStore {
  /** Records that {@code blockerId} blocks {@code blockedId}; blocking twice is a no-op. */
  CompletableFuture<Void> block(String blockerId, String blockedId, long at);

  /** Lifts the block; lifting one that is not there is a no-op. */
  CompletableFuture<Void> unblock(String blockerId, String blockedId);

  /** The users {@code blockerId} blocks, by username. */
  List<User> blockedBy(String blockerId);

  /** The ids of the users {@code userId} blocks. */
  Set<String> blocking(String userId);

  /** The ids of the users who block {@code userId}. */
  Set<String> blockers(String userId);
}
