package dev.messenger.core.accounts;

/**
 * One logged-in device of a user (each login makes one). {@code revokedAt} is 0 while the token
 * works. Times in ms since the epoch.
 *
 * @param lastActiveAt when the token was last used (a request or an open WebSocket), recorded at
 *     most once a minute; 0 if never recorded (read as {@code createdAt})
 * @param pushLastSuccessAt when a push to this device was last accepted; 0 if never
 * @param pushLastError the last push failure, or null
 * @param pushType the wire name of {@code push}'s type, or, once a push service invalidated the
 *     subscription and it was deleted, of that one (so {@code GET /api/v1/devices} can still show
 *     the error); null when the device never had one or unsubscribed (PROTOCOL.md section 9)
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
    String pushLastError,
    String pushType) {

  /** A device whose push type is its subscription's, if any. */
  public Device(
      String id,
      String userId,
      String name,
      long createdAt,
      long revokedAt,
      PushSubscription push,
      long lastActiveAt,
      long pushLastSuccessAt,
      String pushLastError) {
    this(
        id,
        userId,
        name,
        createdAt,
        revokedAt,
        push,
        lastActiveAt,
        pushLastSuccessAt,
        pushLastError,
        push == null ? null : push.kind().wire());
  }

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

  /**
   * A device's push subscription (PROTOCOL.md "Push" and section 9); null on devices without one.
   * Immutable.
   *
   * @param kind which push service delivers it
   * @param endpoint the Web Push endpoint URL, or the FCM registration token / APNs device token
   * @param p256dh Web Push only: the browser's P-256 public key, base64url; else null
   * @param auth Web Push only: the 16-byte authentication secret, base64url; else null
   * @param environment APNs only: {@code production} or {@code sandbox}; else null
   */
  public record PushSubscription(
      Kind kind, String endpoint, String p256dh, String auth, String environment) {

    /** The push services a device can subscribe with. */
    public enum Kind {
      WEBPUSH("webpush"),
      FCM("fcm"),
      APNS("apns");

      private final String wire;

      Kind(String wire) {
        this.wire = wire;
      }

      /** The {@code type} on the wire. */
      public String wire() {
        return wire;
      }

      /** The kind of a wire name, or null if none has it. */
      public static Kind ofWire(String wire) {
        for (Kind k : values()) {
          if (k.wire.equals(wire)) {
            return k;
          }
        }
        return null;
      }
    }

    public PushSubscription {
      java.util.Objects.requireNonNull(kind, "kind");
      java.util.Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A Web Push subscription. */
    public PushSubscription(String endpoint, String p256dh, String auth) {
      this(Kind.WEBPUSH, endpoint, p256dh, auth, null);
    }

    /** An FCM registration token. */
    public static PushSubscription fcm(String token) {
      return new PushSubscription(Kind.FCM, token, null, null, null);
    }

    /** An APNs device token (hex) for the {@code production} or {@code sandbox} environment. */
    public static PushSubscription apns(String token, String environment) {
      return new PushSubscription(Kind.APNS, token, null, null, environment);
    }

    /** The FCM or APNs device token (the same text as {@link #endpoint}). */
    public String token() {
      return endpoint;
    }

    /** Hides the token and keys, which let anyone push to the device. */
    @Override
    public String toString() {
      return "PushSubscription[" + kind.wire() + "]";
    }
  }

  public boolean revoked() {
    return revokedAt != 0;
  }

  /** When the token was last used: {@code lastActiveAt}, or {@code createdAt} if later. */
  public long activeAt() {
    return Math.max(lastActiveAt, createdAt);
  }
}
