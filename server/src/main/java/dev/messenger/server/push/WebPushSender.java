package dev.messenger.server.push;

import com.zerodeplibs.webpush.PushSubscription;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.httpclient.StandardHttpClientRequestPreparer;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.EndpointGuard;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@link PushSender} for Web Push (RFC 8030) with the JDK {@link HttpClient}: the payload is
 * encrypted per RFC 8291 ({@code aes128gcm}) and the request carries a VAPID token (RFC 8292,
 * ES256, {@code aud} the endpoint's origin, valid {@value #JWT_HOURS} h) by zerodep-web-push-java.
 * Each push has {@code TTL} {@value #TTL_HOURS} h, {@code Urgency: high} and a {@code Topic}
 * derived from the conversation, so a push service holding an undelivered push for the same
 * conversation replaces it. Before each send the endpoint's host is resolved again on {@code
 * resolving} and refused (a {@link PushResult.Outcome#FAILED} with the reason) if the {@link
 * EndpointGuard} says it is private (PROTOCOL.md section 9: DNS can change after subscribing).
 * Thread-safe; never blocks the caller; the future never fails.
 */
public final class WebPushSender implements PushSender {
  static final int JWT_HOURS = 12;
  static final int TTL_HOURS = 24;

  /** How long one push may take, connect to answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final VAPIDKeyPair vapid;
  private final String subject;
  private final HttpClient http;
  private final EndpointGuard guard;
  private final Executor resolving;

  /**
   * @param subject the VAPID {@code sub} claim, a mailto: or https: URI
   * @param guard checks the endpoint's addresses before each send
   * @param resolving where the DNS look-up of that check runs (it blocks)
   */
  public WebPushSender(
      VapidKeys keys, String subject, HttpClient http, EndpointGuard guard, Executor resolving) {
    this.vapid =
        VAPIDKeyPairs.of(
            PrivateKeySources.ofECPrivateKey(keys.privateKey()),
            PublicKeySources.ofECPublicKey(keys.publicKey()));
    this.subject = subject;
    this.http = http;
    this.guard = guard;
    this.resolving = resolving;
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    URI uri;
    try {
      uri = URI.create(subscription.endpoint());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(PushResult.failed("endpoint is not a valid URL"));
    }
    return CompletableFuture.supplyAsync(() -> guard.refusal(uri), resolving)
        .thenCompose(
            refused ->
                refused != null
                    ? CompletableFuture.completedFuture(PushResult.failed(refused))
                    : post(subscription, message.json(), message.conversationId()))
        .exceptionally(e -> PushResult.ofStatus(0, null));
  }

  private CompletableFuture<PushResult> post(
      Device.PushSubscription subscription, byte[] payload, String topic) {
    HttpRequest request;
    try {
      PushSubscription.Keys keys = new PushSubscription.Keys();
      keys.setP256dh(subscription.p256dh());
      keys.setAuth(subscription.auth());
      PushSubscription sub = new PushSubscription();
      sub.setEndpoint(subscription.endpoint());
      sub.setKeys(keys);
      request =
          StandardHttpClientRequestPreparer.getBuilder()
              .pushSubscription(sub)
              .vapidJWTExpiresAfter(JWT_HOURS, TimeUnit.HOURS)
              .vapidJWTSubject(subject)
              .pushMessage(payload)
              .ttl(TTL_HOURS, TimeUnit.HOURS)
              .urgencyHigh()
              .topic(topic(topic))
              .build(vapid)
              .toRequestBuilder()
              .timeout(REQUEST_TIMEOUT)
              .build();
    } catch (RuntimeException e) {
      // A subscription the library cannot use (bad key, bad URL): retrying will not help.
      return CompletableFuture.completedFuture(
          PushResult.failed("the subscription cannot be used: " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (res, err) ->
                err != null
                    ? PushResult.ofStatus(0, null)
                    : PushResult.ofStatus(res.statusCode(), retryAfter(res)));
  }

  /** A Topic header value (RFC 8030 5.4: at most 32 base64url characters) for a key. */
  static String topic(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Retry-After} in seconds, or null. */
  static Duration retryAfter(HttpResponse<?> res) {
    return res.headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
