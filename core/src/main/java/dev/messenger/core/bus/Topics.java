package dev.messenger.core.bus;

/** Topic names on the {@link Bus}. */
public final class Topics {
  private Topics() {}

  /** Everything addressed to one user's devices: messages, receipts, typing, revocations. */
  public static String user(String userId) {
    return "user." + userId;
  }

  /** Membership changes of every conversation, heard by every node (cache invalidation). */
  public static String members() {
    return "conversations.members";
  }

  /** Block changes of every user, heard by every node (cache invalidation). */
  public static String blocks() {
    return "users.blocks";
  }

  /** Presence changes of one user, for its subscribers. */
  public static String presence(String userId) {
    return "presence." + userId;
  }
}
