package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.MessengerException;
import dev.messenger.server.Services;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/**
 * Web Push (PROTOCOL.md "Push"): {@code GET /api/v1/push/vapid-public-key} and {@code PUT}/{@code
 * DELETE /api/v1/devices/current/push}.
 */
public final class PushRoutes {
  private PushRoutes() {}

  public static void mount(Router r, Http http, Services s) {
    r.get("/api/v1/push/vapid-public-key")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(
                        Reply.ok(Wire.object().put("key", s.push().keys().publicKeyBase64())))));
    r.put("/api/v1/devices/current/push")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  String type = Http.text(b, "type", true);
                  if (!type.equals("webpush")) {
                    throw MessengerException.badRequest("type must be webpush");
                  }
                  JsonNode keys = b.get("keys");
                  if (keys == null || !keys.isObject()) {
                    throw MessengerException.badRequest("keys is required: {p256dh, auth}");
                  }
                  return s.push()
                      .subscriptions()
                      .subscribe(
                          caller,
                          Http.text(b, "endpoint", true),
                          Http.text(keys, "p256dh", true),
                          Http.text(keys, "auth", true))
                      .thenApply(v -> Reply.noContent());
                }));
    r.delete("/api/v1/devices/current/push")
        .handler(
            http.authed(
                (caller, ctx) ->
                    s.push()
                        .subscriptions()
                        .unsubscribe(caller)
                        .thenApply(v -> Reply.noContent())));
  }
}
