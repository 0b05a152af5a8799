package dev.messenger.core.push;

/**
 * What the dispatcher looks up to fill a push (PROTOCOL.md section 9): the sender's display name
 * for previews and the recipient's badge. Reads may block on the store (the dispatcher calls them
 * on its own thread). Implementations are thread-safe.
 */
public interface PushDirectory {
  /** The user's display name, or null if unknown. */
  String displayName(String userId);

  /** The user's total {@code unreadCount} over its conversations (the APNs badge). */
  long unreadTotal(String userId);
}
