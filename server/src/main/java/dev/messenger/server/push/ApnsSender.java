package dev.messenger.server.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import dev.messenger.server.settings.PhonePushSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@link PushSender} for APNs over HTTP/2 with token auth (PROTOCOL.md section 9), on the JDK
 * HttpClient ({@code HTTP_2} over TLS, ALPN h2): {@code POST {base}/3/device/{token}} with {@code
 * authorization: bearer} a provider token ({@link ApnsProviderToken}, ES256), {@code apns-topic},
 * {@code apns-push-type: alert}, {@code apns-priority: 10}, {@code apns-expiration} 24 h ahead and
 * {@code apns-collapse-id} the conversation. The payload has {@code aps.badge} = the recipient's
 * total unread count, {@code aps.mutable-content} 1 (a notification service extension may fetch and
 * show the message), an alert as the preview allows, and the ids beside {@code aps}. The base is
 * {@code apns-endpoint}, or Apple's production or sandbox host by the device's {@code environment}.
 * Answers: 200 sent; 410, {@code BadDeviceToken} or {@code Unregistered} expired (the token is
 * deleted); {@code ExpiredProviderToken} renews the provider token and retries; 429 and 5xx retry;
 * others fail with Apple's reason. Thread-safe; never blocks the caller; the future never fails.
 *
 * <p>Pushy (com.eatthepath:pushy 0.15.4) was tried first: on the Netty 4.2 that Vert.x 5 brings its
 * connections to an HTTP/2 test server failed ("Stream closed before a reply was received"), so the
 * JDK client is used; it needs no Netty.
 */
public final class ApnsSender implements PushSender {
  static final String PRODUCTION = "https://api.push.apple.com";
  static final String SANDBOX = "https://api.sandbox.push.apple.com";
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Set<String> INVALID_TOKEN = Set.of("BadDeviceToken", "Unregistered");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PhonePushSettings settings;
  private final ApnsProviderToken tokens;
  private final HttpClient http;
  private final Clock clock;

  private ApnsSender(
      PhonePushSettings settings, ApnsProviderToken tokens, HttpClient http, Clock clock) {
    this.settings = settings;
    this.tokens = tokens;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Reads the {@code .p8} key (and the CA file, if set) and makes the HTTP/2 client.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if the key is not an EC key in PKCS#8 PEM, or the CA file
   *     holds no certificate
   */
  public static ApnsSender open(PhonePushSettings settings, Clock clock) throws IOException {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (!settings.apnsCaFile().isEmpty()) {
      b.sslContext(Pem.trusting(java.nio.file.Path.of(settings.apnsCaFile())));
    }
    return new ApnsSender(
        settings,
        new ApnsProviderToken(
            Pem.ecPrivateKey(java.nio.file.Path.of(settings.apnsKeyFile())),
            settings.apnsKeyId(),
            settings.apnsTeamId(),
            clock),
        b.build(),
        clock);
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    HttpRequest req;
    try {
      req =
          HttpRequest.newBuilder(
                  URI.create(
                      base(subscription.environment()) + "/3/device/" + subscription.token()))
              .timeout(TIMEOUT)
              .header("authorization", "bearer " + tokens.get())
              .header("apns-topic", settings.apnsTopic())
              .header("apns-push-type", "alert")
              .header("apns-priority", "10")
              .header(
                  "apns-expiration",
                  Long.toString(clock.instant().plus(Duration.ofHours(24)).getEpochSecond()))
              .header("apns-collapse-id", collapseId(message.conversationId()))
              .POST(HttpRequest.BodyPublishers.ofString(payload(message)))
              .build();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          PushResult.failed("cannot build the APNs request: " + e.getMessage()));
    }
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .handle(
            (res, e) ->
                e != null
                    ? new PushResult(
                        PushResult.Outcome.RETRY, 0, null, "no answer: " + e.getMessage())
                    : result(res));
  }

  private PushResult result(HttpResponse<String> res) {
    int status = res.statusCode();
    if (status == 200) {
      return new PushResult(PushResult.Outcome.SENT, status, null, null);
    }
    String reason = PushResult.describe(status);
    try {
      String r = JSON.readTree(res.body()).path("reason").asText("");
      if (!r.isEmpty()) {
        reason = r;
      }
    } catch (IOException | RuntimeException e) {
      // No JSON body: keep the status as the reason.
    }
    if (status == 410 || INVALID_TOKEN.contains(reason)) {
      return new PushResult(PushResult.Outcome.EXPIRED, status, null, reason);
    }
    if ("ExpiredProviderToken".equals(reason)) {
      tokens.renew();
      return new PushResult(PushResult.Outcome.RETRY, status, null, reason);
    }
    PushResult.Outcome o = PushResult.ofStatus(status, WebPushSender.retryAfter(res)).outcome();
    return new PushResult(
        o == PushResult.Outcome.EXPIRED ? PushResult.Outcome.FAILED : o,
        status,
        WebPushSender.retryAfter(res),
        reason);
  }

  /**
   * The JSON payload: {@code aps} (alert, badge, sound, mutable-content, thread-id) and the ids.
   */
  static String payload(PushMessage m) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aps = root.putObject("aps");
    ObjectNode alert = aps.putObject("alert");
    if (m.senderName() != null) {
      alert.put("title", m.senderName());
    }
    alert.put("body", m.body() != null ? m.body() : "New message");
    if (m.badge() >= 0) {
      aps.put("badge", m.badge());
    }
    aps.put("sound", "default");
    aps.put("mutable-content", 1);
    aps.put("thread-id", m.conversationId());
    root.put("conversationId", m.conversationId());
    root.put("seq", m.seq());
    root.put("senderId", m.senderId());
    if (m.senderName() != null) {
      root.put("senderName", m.senderName());
    }
    if (m.body() != null) {
      root.put("body", m.body());
    }
    return root.toString();
  }

  /** APNs takes a collapse id of at most 64 bytes; a longer id is replaced by its hash. */
  private static String collapseId(String conversationId) {
    byte[] b = conversationId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return b.length <= 64 ? conversationId : WebPushSender.topic(conversationId);
  }

  private String base(String environment) {
    if (!settings.apnsEndpoint().isEmpty()) {
      return settings.apnsEndpoint();
    }
    return "sandbox".equals(environment) ? SANDBOX : PRODUCTION;
  }
}
