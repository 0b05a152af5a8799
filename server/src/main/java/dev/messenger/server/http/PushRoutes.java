package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.push.PushSubscriptions;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/**
 * Push (PROTOCOL.md "Push" and section 9): {@code GET /api/v1/push/vapid-public-key} and {@code
 * PUT}/{@code DELETE /api/v1/devices/current/push}, whose body is a Web Push subscription {@code
 * {"type": "webpush", "endpoint", "keys"}}, an FCM token {@code {"type": "fcm", "token"}} or an
 * APNs token {@code {"type": "apns", "token", "environment"?}}.
 */
public final class PushRoutes {
  private PushRoutes() {}

  /**
   * Mounts the routes on {@code r}.
   *
   * @param http runs the handlers on the worker pool
   * @param vapidPublicKey the VAPID public key, base64url, as browsers take it
   * @param subscriptions sets and clears the calling device's subscription
   */
  public static void mount(
      Router r, Http http, String vapidPublicKey, PushSubscriptions subscriptions) {
    r.get("/api/v1/push/vapid-public-key")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(Reply.ok(Wire.object().put("key", vapidPublicKey)))));
    r.put("/api/v1/devices/current/push")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  String type = JsonFields.text(b, "type", true);
                  if (type.equals("fcm")) {
                    return subscriptions
                        .subscribeFcm(caller, JsonFields.text(b, "token", true))
                        .thenApply(v -> Reply.noContent());
                  }
                  if (type.equals("apns")) {
                    return subscriptions
                        .subscribeApns(
                            caller,
                            JsonFields.text(b, "token", true),
                            JsonFields.text(b, "environment", false))
                        .thenApply(v -> Reply.noContent());
                  }
                  if (!type.equals("webpush")) {
                    throw MessengerException.badRequest("type must be webpush, fcm or apns");
                  }
                  JsonNode keys = b.get("keys");
                  if (keys == null || !keys.isObject()) {
                    throw MessengerException.badRequest("keys is required: {p256dh, auth}");
                  }
                  return subscriptions
                      .subscribe(
                          caller,
                          JsonFields.text(b, "endpoint", true),
                          JsonFields.text(keys, "p256dh", true),
                          JsonFields.text(keys, "auth", true))
                      .thenApply(v -> Reply.noContent());
                }));
    r.delete("/api/v1/devices/current/push")
        .handler(
            http.authed(
                (caller, ctx) ->
                    subscriptions.unsubscribe(caller).thenApply(v -> Reply.noContent())));
  }
}
