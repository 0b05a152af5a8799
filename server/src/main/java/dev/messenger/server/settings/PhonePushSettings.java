package dev.messenger.server.settings;

import java.util.List;

/**
 * Push to phones (PROTOCOL.md section 9): FCM and APNs credentials and endpoints. The credentials
 * are files the operator keeps (paths here, never the secrets themselves), read once at start.
 * Immutable; validated on construction.
 *
 * @param fcmCredentialsFile the Firebase service-account JSON; empty: no FCM ({@link
 *     #FCM_CREDENTIALS_FILE})
 * @param fcmEndpoint the FCM base URL ({@link #FCM_ENDPOINT})
 * @param apnsKeyFile the APNs token-auth key ({@code .p8}); empty: no APNs ({@link #APNS_KEY_FILE})
 * @param apnsKeyId the key's 10-character id ({@link #APNS_KEY_ID})
 * @param apnsTeamId the Apple developer team id ({@link #APNS_TEAM_ID})
 * @param apnsTopic the app's bundle id ({@link #APNS_TOPIC})
 * @param apnsEndpoint an APNs base URL for every device; empty: by the device's environment ({@link
 *     #APNS_ENDPOINT})
 * @param apnsCaFile a PEM file of certificates to trust for APNs instead of the JDK's; empty: the
 *     JDK's ({@link #APNS_CA_FILE})
 */
public record PhonePushSettings(
    String fcmCredentialsFile,
    String fcmEndpoint,
    String apnsKeyFile,
    String apnsKeyId,
    String apnsTeamId,
    String apnsTopic,
    String apnsEndpoint,
    String apnsCaFile) {

  private static boolean emptyOrHttpUrl(String v) {
    String s = v.strip();
    return s.isEmpty() || s.startsWith("https://") || s.startsWith("http://");
  }

  public static final Setting<String> FCM_CREDENTIALS_FILE =
      Setting.text(
          "fcm-credentials-file",
          "",
          s -> s.push().phone().fcmCredentialsFile(),
          "the Firebase service-account JSON file (FCM HTTP v1; see docs/push.md); empty: no FCM");

  public static final Setting<String> FCM_ENDPOINT =
      Setting.text(
              "fcm-endpoint",
              "https://fcm.googleapis.com",
              s -> s.push().phone().fcmEndpoint(),
              "FCM base URL; the server posts to `{fcm-endpoint}/v1/projects/{project_id}"
                  + "/messages:send`")
          .where(v -> !v.isBlank() && emptyOrHttpUrl(v), "an http(s) URL");

  public static final Setting<String> APNS_KEY_FILE =
      Setting.text(
          "apns-key-file",
          "",
          s -> s.push().phone().apnsKeyFile(),
          "the APNs token-auth key file (`.p8`, see docs/push.md); empty: no APNs");

  public static final Setting<String> APNS_KEY_ID =
      Setting.text(
          "apns-key-id", "", s -> s.push().phone().apnsKeyId(), "the APNs key's 10-character id");

  public static final Setting<String> APNS_TEAM_ID =
      Setting.text(
          "apns-team-id", "", s -> s.push().phone().apnsTeamId(), "the Apple developer team id");

  public static final Setting<String> APNS_TOPIC =
      Setting.text("apns-topic", "", s -> s.push().phone().apnsTopic(), "the iOS app's bundle id");

  public static final Setting<String> APNS_ENDPOINT =
      Setting.text(
              "apns-endpoint",
              "",
              s -> s.push().phone().apnsEndpoint(),
              "APNs base URL for every device; empty: `https://api.push.apple.com` or"
                  + " `https://api.sandbox.push.apple.com` by the device's `environment`")
          .where(PhonePushSettings::emptyOrHttpUrl, "empty or an http(s) URL");

  public static final Setting<String> APNS_CA_FILE =
      Setting.text(
          "apns-ca-file",
          "",
          s -> s.push().phone().apnsCaFile(),
          "PEM certificates to trust for APNs instead of the JDK's (tests, or a relay with its own"
              + " CA); empty: the JDK's trust store");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          FCM_CREDENTIALS_FILE,
          FCM_ENDPOINT,
          APNS_KEY_FILE,
          APNS_KEY_ID,
          APNS_TEAM_ID,
          APNS_TOPIC,
          APNS_ENDPOINT,
          APNS_CA_FILE);

  /**
   * Trims every value.
   *
   * @throws IllegalArgumentException if an APNs key file is given without its key id, team id and
   *     topic, or a URL is not http(s)
   */
  public PhonePushSettings {
    fcmCredentialsFile = FCM_CREDENTIALS_FILE.check(fcmCredentialsFile).strip();
    fcmEndpoint = stripSlash(FCM_ENDPOINT.check(fcmEndpoint).strip());
    apnsKeyFile = APNS_KEY_FILE.check(apnsKeyFile).strip();
    apnsKeyId = APNS_KEY_ID.check(apnsKeyId).strip();
    apnsTeamId = APNS_TEAM_ID.check(apnsTeamId).strip();
    apnsTopic = APNS_TOPIC.check(apnsTopic).strip();
    apnsEndpoint = stripSlash(APNS_ENDPOINT.check(apnsEndpoint).strip());
    apnsCaFile = APNS_CA_FILE.check(apnsCaFile).strip();
    if (!apnsKeyFile.isEmpty()
        && (apnsKeyId.isEmpty() || apnsTeamId.isEmpty() || apnsTopic.isEmpty())) {
      throw new IllegalArgumentException(
          "apns-key-file needs apns-key-id, apns-team-id and apns-topic");
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  static PhonePushSettings from(Settings.Builder b) {
    return new PhonePushSettings(
        b.get(FCM_CREDENTIALS_FILE),
        b.get(FCM_ENDPOINT),
        b.get(APNS_KEY_FILE),
        b.get(APNS_KEY_ID),
        b.get(APNS_TEAM_ID),
        b.get(APNS_TOPIC),
        b.get(APNS_ENDPOINT),
        b.get(APNS_CA_FILE));
  }
}
