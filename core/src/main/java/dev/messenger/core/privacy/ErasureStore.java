package dev.messenger.core.privacy;

import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.model.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What erasure and export (PROTOCOL.md section 8, GDPR articles 17 and 20) need of the store. Each
 * write is one transaction and may be repeated: an erasure is a durable marker plus idempotent
 * steps, so a node that crashed midway finishes it on start. Reads may block on I/O; writes return
 * a future completed once committed, failed with a {@link dev.messenger.core.MessengerException}
 * ({@code unavailable}). Implementations are thread-safe.
 */
public interface ErasureStore {
  /**
   * Starts the erasure, in one transaction: records it as pending, marks the user erased (username
   * kept reserved, display name, password, avatar and outside links cleared, not suspended),
   * revokes every device and drops its push subscriptions, contacts and blocks both ways. Returns
   * the ids of the devices it revoked (none when it had begun before).
   */
  CompletableFuture<List<String>> begin(String userId, long at);

  /** The users whose erasure began and has not finished, oldest first. */
  List<String> pending();

  /** The groups the user is an active member of. */
  List<String> activeGroups(String userId);

  /**
   * Erases in place every message the user sent: {@code text} messages read as deleted (body empty,
   * attachments, mentions and reactions gone, their media no longer readable through them), and the
   * text its edit entries carried is emptied.
   */
  CompletableFuture<Void> eraseMessages(String userId);

  /** The media the user uploaded. */
  List<MediaInfo> mediaOf(String userId);

  /** True if media of another owner than {@code userId} has bytes under {@code storageKey}. */
  boolean storageKeyShared(String storageKey, String userId);

  /** Forgets the user's media records (and which messages carried them). */
  CompletableFuture<Void> forgetMedia(String userId);

  /** Ends the erasure: the pending marker is removed. */
  CompletableFuture<Void> finish(String userId);

  /** Every message the user sent ({@code text} and update entries), oldest first. */
  List<Message> messagesOf(String userId);

  /** Every device of the user, revoked ones included, oldest first. */
  List<Device> allDevicesOf(String userId);

  /** The users {@code userId} blocks. */
  List<User> blocksOf(String userId);
}
