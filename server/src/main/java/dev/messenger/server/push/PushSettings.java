package dev.messenger.server.push;

/**
 * The Web Push settings of a node (PROTOCOL.md "Push"; README settings table). Immutable.
 *
 * @param vapidPublicKey the VAPID public key, base64url of the uncompressed P-256 point ({@code
 *     vapid-public-key}); empty with an empty private key: a pair is generated on first start and
 *     kept in {@code data-dir/vapid.properties}
 * @param vapidPrivateKey the VAPID private key, base64url of the 32-byte P-256 scalar ({@code
 *     vapid-private-key}); never logged
 * @param vapidSubject the contact the push services see in the VAPID token, a {@code mailto:} or
 *     {@code https:} URI ({@code vapid-subject})
 * @param allowHttpEndpoints accept subscriptions whose endpoint is plain {@code http:} ({@code
 *     push-allow-http}, default false: real push services use https; tests run one on loopback)
 */
public record PushSettings(
    String vapidPublicKey,
    String vapidPrivateKey,
    String vapidSubject,
    boolean allowHttpEndpoints) {

  /**
   * @throws IllegalArgumentException if only one of the keys is given, or the subject is not a
   *     mailto: or https: URI
   */
  public PushSettings {
    vapidPublicKey = vapidPublicKey == null ? "" : vapidPublicKey.trim();
    vapidPrivateKey = vapidPrivateKey == null ? "" : vapidPrivateKey.trim();
    vapidSubject = vapidSubject == null ? "" : vapidSubject.trim();
    if (vapidPublicKey.isEmpty() != vapidPrivateKey.isEmpty()) {
      throw new IllegalArgumentException(
          "give both vapid-public-key and vapid-private-key, or none");
    }
    if (!vapidSubject.startsWith("mailto:") && !vapidSubject.startsWith("https:")) {
      throw new IllegalArgumentException("vapid-subject must be a mailto: or https: URI");
    }
  }

  /** Generated keys, subject {@code mailto:admin@localhost}, https endpoints only. */
  public static PushSettings defaults() {
    return new PushSettings("", "", "mailto:admin@localhost", false);
  }

  public PushSettings withAllowHttpEndpoints(boolean allow) {
    return new PushSettings(vapidPublicKey, vapidPrivateKey, vapidSubject, allow);
  }

  /** Hides the private key. */
  @Override
  public String toString() {
    return "PushSettings[vapidPublicKey="
        + vapidPublicKey
        + ", vapidSubject="
        + vapidSubject
        + ", allowHttpEndpoints="
        + allowHttpEndpoints
        + "]";
  }
}
