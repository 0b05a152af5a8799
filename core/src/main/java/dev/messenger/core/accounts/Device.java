package dev.messenger.core.accounts;

/**
 * One logged-in device of a user (each login makes one). {@code revokedAt} is 0 while the token
 * works. Times in ms since the epoch.
 */
public record Device(
    String id, String userId, String name, long createdAt, long revokedAt, PushSubscription push) {

  /** A Web Push subscription of a device (PROTOCOL.md "Push"); null on devices without one. */
  public record PushSubscription(String endpoint, String p256dh, String auth) {}

  public boolean revoked() {
    return revokedAt != 0;
  }
}
