package dev.messenger.core.privacy;

import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.media.MediaStore;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account erasure (PROTOCOL.md section 8, {@code DELETE /api/v1/users/me}, GDPR article 17): one
 * durable operation in idempotent steps. {@link #erase} commits the start (the user is erased,
 * every device revoked, a pending marker written) before anything else, then leaves every group
 * ({@code member_left}), erases the user's messages in place, deletes its media bytes (unless
 * another user's upload has the same bytes) and records, and removes the marker. A node that died
 * midway finds the marker when it starts ({@link #resumePending}) and runs the steps again; each
 * step does only what is left. The erased user reads as {@code "Deleted user"}; its username stays
 * reserved.
 *
 * <p>Thread-safe; blocks on the store and the media store (call off the event loop). Failures are
 * {@link MessengerException}s in the returned future; a failed erasure stays pending and is
 * finished on the next start.
 */
public final class Erasure {
  private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

  private final ErasureStore store;
  private final Conversations conversations;
  private final MediaStore media;
  private final Clock clock;
  private final Consumer<Caller> onDeviceRevoked;
  private final Executor executor;

  /**
   * @param executor runs the steps after the start (they block on the store): the worker pool
   * @param onDeviceRevoked told each revoked device after the start committed (4001 on its sockets
   *     on every node)
   */
  public Erasure(
      ErasureStore store,
      Conversations conversations,
      MediaStore media,
      Clock clock,
      Executor executor,
      Consumer<Caller> onDeviceRevoked) {
    this.executor = executor;
    this.store = store;
    this.conversations = conversations;
    this.media = media;
    this.clock = clock;
    this.onDeviceRevoked = onDeviceRevoked;
  }

  /** Erases the user; the future completes when every step is done. */
  public CompletableFuture<Void> erase(String userId) {
    return Futures.attempt(
        () ->
            store
                .begin(userId, clock.millis())
                .thenAcceptAsync(
                    revoked -> {
                      revoked.forEach(d -> onDeviceRevoked.accept(new Caller(userId, d)));
                      finishSteps(userId);
                    },
                    executor));
  }

  /** Finishes every erasure a crash left pending; returns how many it finished. */
  public int resumePending() {
    int done = 0;
    for (String userId : store.pending()) {
      try {
        finishSteps(userId);
        done++;
        LOG.info("finished the erasure of {} left pending", userId);
      } catch (CompletionException | MessengerException e) {
        LOG.warn("the erasure of {} is still pending", userId, e);
      }
    }
    return done;
  }

  /**
   * The steps after the start, each repeatable; blocks until they are committed.
   *
   * @throws CompletionException or {@link MessengerException} when a step fails
   */
  private void finishSteps(String userId) {
    for (String groupId : store.activeGroups(userId)) {
      conversations.removeMember(new Caller(userId, null), groupId, userId).join();
    }
    store.eraseMessages(userId).join();
    for (MediaInfo m : store.mediaOf(userId)) {
      if (!store.storageKeyShared(m.storageKey(), userId)) {
        deleteBytes(m.storageKey());
        deleteBytes(Media.thumbnailKey(m.sha256()));
      }
    }
    store.forgetMedia(userId).join();
    store.finish(userId).join();
  }

  private void deleteBytes(String key) {
    try {
      media.delete(key);
    } catch (IOException e) {
      throw new MessengerException(
          dev.messenger.core.ErrorCode.UNAVAILABLE, "the media store failed", e);
    }
  }
}
