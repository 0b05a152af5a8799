package dev.messenger.core.bus;

/** Topic names on the {@link Bus}. */
public final class Topics {
  private Topics() {}

  /** Everything addressed to one user's devices: messages, receipts, typing, revocations. */
  public static String user(String userId) {
    return "user." + userId;
  }

  /** Presence changes of one user, for its subscribers. */
  public static String presence(String userId) {
    return "presence." + userId;
  }
}
