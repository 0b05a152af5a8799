package dev.messenger.core.push;

import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.Device;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A device's Web Push subscription (PROTOCOL.md "Push": {@code PUT}/{@code DELETE
 * /api/v1/devices/current/push}): validates it and stores it on the device. Thread-safe; the
 * futures complete once the change is committed.
 */
public final class PushSubscriptions {
  /** Longest endpoint URL accepted, in characters. */
  public static final int MAX_ENDPOINT_CHARS = 2048;

  private final AccountStore store;
  private final boolean allowHttp;

  /**
   * @param allowHttp accept {@code http:} endpoints as well as {@code https:} (tests)
   */
  public PushSubscriptions(AccountStore store, boolean allowHttp) {
    this.store = store;
    this.allowHttp = allowHttp;
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
