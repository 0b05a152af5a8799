package dev.messenger.core.push;

import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A device's push subscription (PROTOCOL.md "Push" and section 9: {@code PUT}/{@code DELETE
 * /api/v1/devices/current/push}): validates a Web Push subscription, an FCM registration token or
 * an APNs device token and stores it on the device. A Web Push endpoint must pass the {@link
 * EndpointGuard} (no private addresses). Thread-safe; {@link #subscribe} resolves DNS (call it off
 * event loops); the futures complete once the change is committed.
 */
public final class PushSubscriptions {
  /** Longest endpoint URL accepted, in characters. */
  public static final int MAX_ENDPOINT_CHARS = 2048;

  /** Longest FCM registration token accepted, in characters. */
  public static final int MAX_FCM_TOKEN_CHARS = 4096;

  private static final java.util.regex.Pattern FCM_TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_:.\\-]{1," + MAX_FCM_TOKEN_CHARS + "}");

  /** An APNs device token: 32 to 100 bytes in hex (Apple's tokens are 32 bytes today). */
  private static final java.util.regex.Pattern APNS_TOKEN =
      java.util.regex.Pattern.compile("(?:[0-9a-fA-F]{2}){32,100}");

  private final AccountStore store;
  private final boolean allowHttp;
  private final EndpointGuard guard;
  private final java.util.Set<Device.PushSubscription.Kind> enabled;

  /**
   * Accepts Web Push only, with every endpoint address allowed.
   *
   * @param allowHttp accept {@code http:} endpoints as well as {@code https:} (tests)
   */
  public PushSubscriptions(AccountStore store, boolean allowHttp) {
    this(store, allowHttp, new EndpointGuard(true), java.util.EnumSet.of(Kind.WEBPUSH));
  }

  /**
   * @param allowHttp accept {@code http:} endpoints as well as {@code https:} (tests)
   * @param guard refuses Web Push endpoints on private addresses
   * @param enabled the push types this server can deliver (FCM and APNs need credentials)
   */
  public PushSubscriptions(
      AccountStore store,
      boolean allowHttp,
      EndpointGuard guard,
      java.util.Set<Device.PushSubscription.Kind> enabled) {
    this.store = store;
    this.allowHttp = allowHttp;
    this.guard = guard;
    this.enabled = java.util.Set.copyOf(enabled);
  }

  /**
   * Sets the caller's device FCM registration token, replacing any earlier subscription.
   *
   * @throws MessengerException {@code bad_request} if FCM is not configured or the token is
   *     malformed
   */
  public CompletableFuture<Void> subscribeFcm(Caller caller, String token) {
    requireEnabled(Kind.FCM, "fcm-credentials-file");
    if (token == null || !FCM_TOKEN.matcher(token).matches()) {
      throw MessengerException.badRequest(
          "token must be an FCM registration token (1-"
              + MAX_FCM_TOKEN_CHARS
              + " characters of A-Z a-z 0-9 _ : . -)");
    }
    return store.setPush(caller.deviceId(), Device.PushSubscription.fcm(token));
  }

  /**
   * Sets the caller's device APNs token, replacing any earlier subscription.
   *
   * @param environment {@code production}, {@code sandbox}, or null for production
   * @throws MessengerException {@code bad_request} if APNs is not configured, the token is not hex
   *     of 32-100 bytes or the environment is unknown
   */
  public CompletableFuture<Void> subscribeApns(Caller caller, String token, String environment) {
    requireEnabled(Kind.APNS, "apns-key-file");
    if (token == null || !APNS_TOKEN.matcher(token).matches()) {
      throw MessengerException.badRequest(
          "token must be an APNs device token: 64-200 hexadecimal digits");
    }
    String env = environment == null ? "production" : environment;
    if (!env.equals("production") && !env.equals("sandbox")) {
      throw MessengerException.badRequest("environment must be production or sandbox");
    }
    return store.setPush(
        caller.deviceId(), Device.PushSubscription.apns(token.toLowerCase(Locale.ROOT), env));
  }

  private void requireEnabled(Kind kind, String setting) {
    if (!enabled.contains(kind)) {
      throw MessengerException.badRequest(
          kind.wire() + " push is not configured on this server (setting " + setting + ")");
    }
  }

  /**
   * Sets the caller's device subscription, replacing any earlier one.
   *
   * @param endpoint the push service URL the browser gave
   * @param p256dh the browser's P-256 public key, base64url of the 65-byte uncompressed point
   * @param auth the 16-byte authentication secret, base64url
   * @throws MessengerException {@code bad_request} naming what is wrong
   */
  public CompletableFuture<Void> subscribe(
      Caller caller, String endpoint, String p256dh, String auth) {
    requireEndpoint(endpoint);
    requireBytes("keys.p256dh", p256dh, 65);
    if (decode("keys.p256dh", p256dh)[0] != 4) {
      throw MessengerException.badRequest("keys.p256dh must be an uncompressed P-256 point");
    }
    requireBytes("keys.auth", auth, 16);
    return store.setPush(caller.deviceId(), new Device.PushSubscription(endpoint, p256dh, auth));
  }

  /** Removes the caller's device subscription; nothing happens if it has none. */
  public CompletableFuture<Void> unsubscribe(Caller caller) {
    return store.setPush(caller.deviceId(), null);
  }

  private void requireEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isEmpty() || endpoint.length() > MAX_ENDPOINT_CHARS) {
      throw MessengerException.badRequest(
          "endpoint must be a URL of at most " + MAX_ENDPOINT_CHARS + " characters");
    }
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw MessengerException.badRequest("endpoint is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null
        || !(scheme.equals("https") || (allowHttp && scheme.equals("http")))) {
      throw MessengerException.badRequest(
          allowHttp ? "endpoint must be an http(s) URL" : "endpoint must be an https URL");
    }
    String refused = guard.refusal(uri);
    if (refused != null) {
      throw MessengerException.badRequest(refused);
    }
  }

  private static void requireBytes(String field, String value, int length) {
    if (value == null || decode(field, value).length != length) {
      throw MessengerException.badRequest(field + " must be " + length + " bytes in base64url");
    }
  }

  private static byte[] decode(String field, String value) {
    try {
      return Base64.getUrlDecoder()
          .decode(value.replace("=", "").replace('+', '-').replace('/', '_'));
    } catch (IllegalArgumentException e) {
      throw MessengerException.badRequest(field + " is not base64url");
    }
  }
}
