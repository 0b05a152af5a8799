package dev.messenger.server.settings;

import dev.messenger.core.push.PushPreview;
import java.util.List;
import java.util.stream.Stream;

/**
 * Push: the VAPID key pair and subject (PROTOCOL.md "Push"), the preview and SSRF rules for every
 * push type, and the phone push services ({@link PhonePushSettings}, PROTOCOL.md section 9).
 * Immutable; validated on construction; {@link #toString()} masks the private key.
 *
 * @param vapidPublicKey the VAPID public key, base64url of the uncompressed P-256 point; empty with
 *     an empty private key: a pair is generated on first start and kept in {@code
 *     data-dir/vapid.properties} ({@link #VAPID_PUBLIC_KEY})
 * @param vapidPrivateKey the VAPID private key, base64url of the 32-byte P-256 scalar ({@link
 *     #VAPID_PRIVATE_KEY})
 * @param vapidSubject the contact the push services see in the VAPID token, a {@code mailto:} or
 *     {@code https:} URI ({@link #VAPID_SUBJECT})
 * @param allowHttpEndpoints accept subscriptions whose endpoint is plain {@code http:} (real push
 *     services use https; tests run one on loopback) ({@link #PUSH_ALLOW_HTTP})
 * @param allowPrivate accept Web Push endpoints on loopback, private, link-local or multicast
 *     addresses ({@link #PUSH_ALLOW_PRIVATE})
 * @param preview how much of a message pushes carry ({@link #PUSH_PREVIEW})
 * @param phone FCM and APNs
 */
public record PushSettings(
    String vapidPublicKey,
    Secret vapidPrivateKey,
    String vapidSubject,
    boolean allowHttpEndpoints,
    boolean allowPrivate,
    PushPreview preview,
    PhonePushSettings phone) {

  /** Public by design (clients fetch it), so not a {@link Secret}. */
  public static final Setting<String> VAPID_PUBLIC_KEY =
      Setting.text(
              "vapid-public-key",
              "",
              s -> s.push().vapidPublicKey(),
              "Web Push VAPID public key, base64url (65-byte uncompressed point); with the private"
                  + " key, or neither: then a pair is made on first start into"
                  + " `data-dir/vapid.properties`. Give every node of a cluster the same pair")
          .documentDefault("generated");

  public static final Setting<Secret> VAPID_PRIVATE_KEY =
      Setting.secret(
              "vapid-private-key",
              s -> s.push().vapidPrivateKey(),
              "Web Push VAPID private key, base64url (32-byte scalar)")
          .documentDefault("generated");

  public static final Setting<String> VAPID_SUBJECT =
      Setting.text(
              "vapid-subject",
              "mailto:admin@localhost",
              s -> s.push().vapidSubject(),
              "the contact push services see in VAPID tokens (`mailto:` or `https:`)")
          .where(
              v -> v.strip().startsWith("mailto:") || v.strip().startsWith("https:"),
              "a mailto: or https: URI");

  public static final Setting<Boolean> PUSH_ALLOW_HTTP =
      Setting.flag(
          "push-allow-http",
          false,
          s -> s.push().allowHttpEndpoints(),
          "accept plain-`http:` push endpoints (for tests; real push services are https)");

  public static final Setting<Boolean> PUSH_ALLOW_PRIVATE =
      Setting.flag(
          "push-allow-private",
          false,
          s -> s.push().allowPrivate(),
          "accept Web Push endpoints that resolve to loopback, private, link-local or multicast"
              + " addresses (for tests; otherwise refused when subscribing and when sending)");

  public static final Setting<PushPreview> PUSH_PREVIEW =
      Setting.choice(
          "push-preview",
          PushPreview.NONE,
          s -> s.push().preview(),
          "what pushes carry beside the ids: `none`; `sender` (the sender's display name); `full`"
              + " (also the first 100 code points of the body: message text leaves the server)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      Stream.concat(
              Stream.of(
                  VAPID_PUBLIC_KEY,
                  VAPID_PRIVATE_KEY,
                  VAPID_SUBJECT,
                  PUSH_ALLOW_HTTP,
                  PUSH_ALLOW_PRIVATE,
                  PUSH_PREVIEW),
              PhonePushSettings.SETTINGS.stream())
          .toList();

  /**
   * Trims the keys and the subject.
   *
   * @throws IllegalArgumentException if only one of the keys is given, or the subject is not a
   *     mailto: or https: URI
   */
  public PushSettings {
    vapidPublicKey = VAPID_PUBLIC_KEY.check(vapidPublicKey).strip();
    vapidPrivateKey = Secret.of(VAPID_PRIVATE_KEY.check(vapidPrivateKey).reveal().strip());
    vapidSubject = VAPID_SUBJECT.check(vapidSubject).strip();
    preview = PUSH_PREVIEW.check(preview);
    java.util.Objects.requireNonNull(phone, "phone");
    if (vapidPublicKey.isEmpty() != vapidPrivateKey.isEmpty()) {
      throw new IllegalArgumentException(
          "give both vapid-public-key and vapid-private-key, or none");
    }
  }

  static PushSettings from(Settings.Builder b) {
    return new PushSettings(
        b.get(VAPID_PUBLIC_KEY),
        b.get(VAPID_PRIVATE_KEY),
        b.get(VAPID_SUBJECT),
        b.get(PUSH_ALLOW_HTTP),
        b.get(PUSH_ALLOW_PRIVATE),
        b.get(PUSH_PREVIEW),
        PhonePushSettings.from(b));
  }
}
