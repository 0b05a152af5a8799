package dev.messenger.server.settings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Webhooks (PROTOCOL.md section 8 "Webhooks"): where events are POSTed, the HMAC secret that signs
 * them, which events, and how long a failing event is retried. Immutable; validated on
 * construction; {@link #toString()} masks the secret.
 *
 * @param url the receiver's URL, empty for no webhooks ({@link #WEBHOOK_URL})
 * @param secret the HMAC-SHA256 key of the {@code Messenger-Signature} header ({@link
 *     #WEBHOOK_SECRET})
 * @param events the event types sent, empty for all ({@link #WEBHOOK_EVENTS})
 * @param retryFor how long a failing event is retried before it is dropped ({@link
 *     #WEBHOOK_RETRY_FOR})
 */
public record WebhookSettings(String url, Secret secret, List<String> events, Duration retryFor) {

  /** Every event type of PROTOCOL.md section 8. */
  public static final Set<String> EVENT_TYPES =
      Set.of(
          "message.created",
          "message.updated",
          "conversation.created",
          "member.added",
          "member.removed",
          "user.created",
          "user.deleted");

  public static final Setting<String> WEBHOOK_URL =
      Setting.text(
              "webhook-url",
              "",
              s -> s.webhooks().url(),
              "where events are POSTed (`http:` or `https:`); empty: no webhooks")
          .where(
              v ->
                  v.isBlank()
                      || v.strip().startsWith("http://")
                      || v.strip().startsWith("https://"),
              "empty or an http(s) URL");

  public static final Setting<Secret> WEBHOOK_SECRET =
      Setting.secret(
          "webhook-secret",
          s -> s.webhooks().secret(),
          "the HMAC-SHA256 key signing webhook requests (`Messenger-Signature`)");

  public static final Setting<List<String>> WEBHOOK_EVENTS =
      Setting.list(
              "webhook-events",
              s -> s.webhooks().events(),
              "the event types sent, e.g. `message.created,user.created`; empty: all")
          .where(EVENT_TYPES::containsAll, "event types of PROTOCOL.md section 8");

  public static final Setting<Duration> WEBHOOK_RETRY_FOR =
      Setting.duration(
          "webhook-retry-for",
          Duration.ofHours(24),
          Duration.ofSeconds(1),
          s -> s.webhooks().retryFor(),
          "how long a failing webhook event is retried (backoff 1 s doubling to 1 h), then"
              + " dropped and counted");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_EVENTS, WEBHOOK_RETRY_FOR);

  /**
   * Trims the URL.
   *
   * @throws IllegalArgumentException if a value is out of range, or a URL is given without a secret
   */
  public WebhookSettings {
    url = WEBHOOK_URL.check(url).strip();
    secret = WEBHOOK_SECRET.check(secret);
    events = List.copyOf(WEBHOOK_EVENTS.check(events));
    retryFor = WEBHOOK_RETRY_FOR.check(retryFor);
    if (!url.isEmpty() && secret.isEmpty()) {
      throw new IllegalArgumentException("webhook-url needs a webhook-secret");
    }
  }

  /** True if webhooks are on. */
  public boolean enabled() {
    return !url.isEmpty();
  }

  /** True if events of {@code type} are sent. */
  public boolean sends(String type) {
    return enabled() && (events.isEmpty() || events.contains(type));
  }

  static WebhookSettings from(Settings.Builder b) {
    return new WebhookSettings(
        b.get(WEBHOOK_URL), b.get(WEBHOOK_SECRET), b.get(WEBHOOK_EVENTS), b.get(WEBHOOK_RETRY_FOR));
  }
}
