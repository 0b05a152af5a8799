package dev.messenger.server.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import dev.messenger.server.settings.PhonePushSettings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PushSender} for APNs over HTTP/2 with token auth (PROTOCOL.md section 9), by Pushy: the
 * provider token is an ES256 JWT signed with the {@code .p8} key ({@code kid} = {@code
 * apns-key-id}, {@code iss} = {@code apns-team-id}), renewed by Pushy. Each push is an alert
 * ({@code apns-push-type: alert}, priority 10, expiring after 24 h, {@code apns-collapse-id} the
 * conversation) with {@code aps.badge} = the recipient's total unread count, {@code
 * aps.mutable-content} 1 (a notification service extension may fetch and show the message), an
 * alert as the preview allows, and the ids beside {@code aps}. One Pushy client per APNs host
 * (production or sandbox by the device's {@code environment}, or {@code apns-endpoint} for all),
 * made on first use. Answers: accepted sent; 410, {@code BadDeviceToken} or {@code Unregistered}
 * expired (the token is deleted); 429 and 5xx retry; others fail with Apple's reason. Thread-safe;
 * never blocks the caller; the future never fails.
 */
public final class ApnsSender implements PushSender, AutoCloseable {
  /** Apple's production and sandbox hosts. */
  static final String PRODUCTION = "https://" + ApnsClientBuilder.PRODUCTION_APNS_HOST;

  static final String SANDBOX = "https://" + ApnsClientBuilder.DEVELOPMENT_APNS_HOST;

  private static final Set<String> INVALID_TOKEN = Set.of("BadDeviceToken", "Unregistered");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PhonePushSettings settings;
  private final ApnsSigningKey key;
  private final Clock clock;
  private final Map<String, ApnsClient> clients = new ConcurrentHashMap<>();

  private ApnsSender(PhonePushSettings settings, ApnsSigningKey key, Clock clock) {
    this.settings = settings;
    this.key = key;
    this.clock = clock;
  }

  /**
   * Reads the {@code .p8} key.
   *
   * @throws IOException if the key file cannot be read
   * @throws IllegalArgumentException if it is not an EC P-256 key in PKCS#8 PEM
   */
  public static ApnsSender open(PhonePushSettings settings, Clock clock) throws IOException {
    try {
      return new ApnsSender(
          settings,
          ApnsSigningKey.loadFromPkcs8File(
              new File(settings.apnsKeyFile()), settings.apnsTeamId(), settings.apnsKeyId()),
          clock);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          settings.apnsKeyFile() + " is not an APNs .p8 key: " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    ApnsClient client;
    try {
      client = client(base(subscription.environment()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(
          PushResult.failed("APNs client cannot start: " + e.getMessage()));
    }
    SimpleApnsPushNotification n =
        new SimpleApnsPushNotification(
            subscription.token(),
            settings.apnsTopic(),
            payload(message),
            clock.instant().plus(Duration.ofHours(24)),
            DeliveryPriority.IMMEDIATE,
            PushType.ALERT,
            collapseId(message.conversationId()));
    CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> sent =
        client.sendNotification(n);
    return sent.handle(
        (r, e) ->
            e != null
                ? new PushResult(PushResult.Outcome.RETRY, 0, null, "no answer: " + e.getMessage())
                : result(r));
  }

  private static PushResult result(PushNotificationResponse<?> r) {
    int status = r.getStatusCode();
    if (r.isAccepted()) {
      return new PushResult(PushResult.Outcome.SENT, status, null, null);
    }
    String reason = r.getRejectionReason().orElse(PushResult.describe(status));
    if (status == 410 || INVALID_TOKEN.contains(reason)) {
      return new PushResult(PushResult.Outcome.EXPIRED, status, null, reason);
    }
    PushResult.Outcome o = PushResult.ofStatus(status, null).outcome();
    return new PushResult(
        o == PushResult.Outcome.EXPIRED ? PushResult.Outcome.FAILED : o, status, null, reason);
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

  private ApnsClient client(String base) throws IOException {
    ApnsClient c = clients.get(base);
    if (c != null) {
      return c;
    }
    synchronized (clients) {
      c = clients.get(base);
      if (c == null) {
        URI uri = URI.create(base);
        ApnsClientBuilder b =
            new ApnsClientBuilder()
                .setApnsServer(
                    uri.getHost(),
                    uri.getPort() > 0 ? uri.getPort() : ApnsClientBuilder.DEFAULT_APNS_PORT)
                .setSigningKey(key)
                .setConnectionTimeout(Duration.ofSeconds(10));
        if (!settings.apnsCaFile().isEmpty()) {
          b.setTrustedServerCertificateChain(new File(settings.apnsCaFile()));
        }
        c = b.build();
        clients.put(base, c);
      }
      return c;
    }
  }

  /** Closes every client (waits up to 5 s for each). */
  @Override
  public void close() {
    for (ApnsClient c : clients.values()) {
      try {
        c.close().get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // Closing is best effort; pending pushes are dropped anyway.
      }
    }
  }
}
