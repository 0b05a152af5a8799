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
 * @param beforeSendUrl where each send is first POSTed, empty for no hook ({@link
 *     #WEBHOOK_BEFORE_SEND_URL})
 * @param beforeSendTimeout how long a send waits for the hook's answer ({@link
 *     #WEBHOOK_BEFORE_SEND_TIMEOUT})
 * @param beforeSendFail what a send does when the hook times out or fails ({@link
 *     #WEBHOOK_BEFORE_SEND_FAIL})
 */
public record WebhookSettings(
    String url,
    Secret secret,
    List<String> events,
    Duration retryFor,
    String beforeSendUrl,
    Duration beforeSendTimeout,
    FailMode beforeSendFail) {

  /** What a send does when the before-send hook does not answer in time or fails. */
  public enum FailMode {
    /** The send goes on as if the hook allowed it. */
    OPEN,
    /** The send is refused with {@code unavailable}. */
    CLOSED
  }

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

  public static final Setting<String> WEBHOOK_BEFORE_SEND_URL =
      Setting.text(
              "webhook-before-send-url",
              "",
              s -> s.webhooks().beforeSendUrl(),
              "where each send is first POSTed (signed with `webhook-secret`) to be allowed,"
                  + " rejected or replaced; empty: no hook")
          .where(
              v ->
                  v.isBlank()
                      || v.strip().startsWith("http://")
                      || v.strip().startsWith("https://"),
              "empty or an http(s) URL");

  public static final Setting<Duration> WEBHOOK_BEFORE_SEND_TIMEOUT =
      Setting.duration(
              "webhook-before-send-timeout",
              Duration.ofSeconds(2),
              Duration.ofMillis(10),
              s -> s.webhooks().beforeSendTimeout(),
              "how long a send waits for the before-send hook's answer")
          .where(v -> v.compareTo(Duration.ofMinutes(1)) <= 0, "<= 1m");

  public static final Setting<FailMode> WEBHOOK_BEFORE_SEND_FAIL =
      Setting.choice(
          "webhook-before-send-fail",
          FailMode.OPEN,
          s -> s.webhooks().beforeSendFail(),
          "when the before-send hook times out or fails: `open` (the send goes on) or `closed`"
              + " (the send is refused with `unavailable`)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          WEBHOOK_URL,
          WEBHOOK_SECRET,
          WEBHOOK_EVENTS,
          WEBHOOK_RETRY_FOR,
          WEBHOOK_BEFORE_SEND_URL,
          WEBHOOK_BEFORE_SEND_TIMEOUT,
          WEBHOOK_BEFORE_SEND_FAIL);

  /**
   * Trims the URL.
   *
   * @throws IllegalArgumentException if a value is out of range, or a URL (events or before-send
   *     hook) is given without a secret
   */
  public WebhookSettings {
    url = WEBHOOK_URL.check(url).strip();
    secret = WEBHOOK_SECRET.check(secret);
    events = List.copyOf(WEBHOOK_EVENTS.check(events));
    retryFor = WEBHOOK_RETRY_FOR.check(retryFor);
    beforeSendUrl = WEBHOOK_BEFORE_SEND_URL.check(beforeSendUrl).strip();
    beforeSendTimeout = WEBHOOK_BEFORE_SEND_TIMEOUT.check(beforeSendTimeout);
    beforeSendFail = WEBHOOK_BEFORE_SEND_FAIL.check(beforeSendFail);
    if (!url.isEmpty() && secret.isEmpty()) {
      throw new IllegalArgumentException("webhook-url needs a webhook-secret");
    }
    if (!beforeSendUrl.isEmpty() && secret.isEmpty()) {
      throw new IllegalArgumentException("webhook-before-send-url needs a webhook-secret");
    }
  }

  /** True if webhooks are on. */
  public boolean enabled() {
    return !url.isEmpty();
  }

  /** True if sends are first POSTed to the before-send hook. */
  public boolean beforeSend() {
    return !beforeSendUrl.isEmpty();
  }

  /** True if events of {@code type} are sent. */
  public boolean sends(String type) {
    return enabled() && (events.isEmpty() || events.contains(type));
  }

  static WebhookSettings from(Settings.Builder b) {
    return new WebhookSettings(
        b.get(WEBHOOK_URL),
        b.get(WEBHOOK_SECRET),
        b.get(WEBHOOK_EVENTS),
        b.get(WEBHOOK_RETRY_FOR),
        b.get(WEBHOOK_BEFORE_SEND_URL),
        b.get(WEBHOOK_BEFORE_SEND_TIMEOUT),
        b.get(WEBHOOK_BEFORE_SEND_FAIL));
  }
}
