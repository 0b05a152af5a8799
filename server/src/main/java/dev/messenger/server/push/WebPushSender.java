package dev.messenger.server.push;

import com.zerodeplibs.webpush.PushSubscription;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.httpclient.StandardHttpClientRequestPreparer;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link PushSender} for Web Push (RFC 8030) with the JDK {@link HttpClient}: the payload is
 * encrypted per RFC 8291 ({@code aes128gcm}) and the request carries a VAPID token (RFC 8292,
 * ES256, {@code aud} the endpoint's origin, valid {@value #JWT_HOURS} h) by zerodep-web-push-java.
 * Each push has {@code TTL} {@value #TTL_HOURS} h, {@code Urgency: high} and a {@code Topic}
 * derived from the conversation, so a push service holding an undelivered push for the same
 * conversation replaces it. Thread-safe; never blocks the caller; the future never fails.
 */
public final class WebPushSender implements PushSender {
  static final int JWT_HOURS = 12;
  static final int TTL_HOURS = 24;

  /** How long one push may take, connect to answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final VAPIDKeyPair vapid;
  private final String subject;
  private final HttpClient http;

  /**
   * @param subject the VAPID {@code sub} claim, a mailto: or https: URI
   */
  public WebPushSender(VapidKeys keys, String subject, HttpClient http) {
    this.vapid =
        VAPIDKeyPairs.of(
            PrivateKeySources.ofECPrivateKey(keys.privateKey()),
            PublicKeySources.ofECPublicKey(keys.publicKey()));
    this.subject = subject;
    this.http = http;
  }

  @Override
  public CompletableFuture<PushResult> send(
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
      return CompletableFuture.completedFuture(new PushResult(PushResult.Outcome.FAILED, 0, null));
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

  private static Duration retryAfter(HttpResponse<?> res) {
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
