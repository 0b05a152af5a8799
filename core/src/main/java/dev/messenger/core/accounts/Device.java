package dev.messenger.core.accounts;

/**
 * One logged-in device of a user (each login makes one). {@code revokedAt} is 0 while the token
 * works. Times in ms since the epoch.
 *
 * @param lastActiveAt when the token was last used (a request or an open WebSocket), recorded at
 *     most once a minute; 0 if never recorded (read as {@code createdAt})
 * @param pushLastSuccessAt when a push to this device was last accepted; 0 if never
 * @param pushLastError the last push failure, or null
 */
public record Device(
    String id,
    String userId,
    String name,
    long createdAt,
    long revokedAt,
    PushSubscription push,
    long lastActiveAt,
    long pushLastSuccessAt,
    String pushLastError) {

  /** A device as version 1 knew it: no activity or push status recorded. */
  public Device(
      String id,
      String userId,
      String name,
      long createdAt,
      long revokedAt,
      PushSubscription push) {
    this(id, userId, name, createdAt, revokedAt, push, 0, 0, null);
  }

  /** A Web Push subscription of a device (PROTOCOL.md "Push"); null on devices without one. */
  public record PushSubscription(String endpoint, String p256dh, String auth) {}

  public boolean revoked() {
    return revokedAt != 0;
  }

  /** When the token was last used: {@code lastActiveAt}, or {@code createdAt} if later. */
  public long activeAt() {
    return Math.max(lastActiveAt, createdAt);
  }
}
