package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountAdmin;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.server.auth.AdminKeys;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;

/**
 * The server API for the operator's own backend (PROTOCOL.md section 8): everything under {@code
 * /api/v1/admin/} takes {@code Authorization: Bearer <admin key>} ({@link AdminKeys}, compared in
 * constant time, never logged); anything else there, a user token included, is 401. Users (create,
 * find by external id, sign in, suspend), groups, messages as a member, stats.
 */
public final class AdminRoutes {
  private AdminRoutes() {}

  /** A handler the admin key let through. */
  @FunctionalInterface
  interface AdminHandler {
    CompletionStage<Reply> handle(RoutingContext ctx);
  }

  /**
   * Mounts the routes on {@code r}.
   *
   * @param connections open WebSockets on this node, for the stats
   * @param onNewMessage counts a stored message (the {@code /metrics} counter)
   */
  public static void mount(
      Router r,
      Http http,
      AdminKeys keys,
      AccountAdmin admin,
      Conversations conversations,
      Messaging messaging,
      IntSupplier connections,
      Runnable onNewMessage) {
    var guard = guard(http, keys);
    r.post("/api/v1/admin/users")
        .handler(
            guard.apply(
                ctx -> {
                  JsonNode b = Http.body(ctx);
                  return admin
                      .createUser(
                          JsonFields.text(b, "username", true),
                          JsonFields.text(b, "displayName", false),
                          JsonFields.text(b, "password", false),
                          JsonFields.text(b, "externalId", false))
                      .thenApply(u -> Reply.created(Wire.user(u)));
                }));
    r.get("/api/v1/admin/users")
        .handler(
            guard.apply(
                ctx ->
                    AccountRoutes.done(
                        Reply.ok(
                            Wire.user(admin.byExternalId(ctx.request().getParam("externalId")))))));
    r.post("/api/v1/admin/users/:id/sessions")
        .handler(
            guard.apply(
                ctx -> {
                  JsonNode b = optionalBody(ctx);
                  return admin
                      .startSession(
                          ctx.pathParam("id"),
                          b == null ? null : JsonFields.text(b, "deviceName", false))
                      .thenApply(AccountRoutes::sessionReply);
                }));
    r.post("/api/v1/admin/users/:id/suspend")
        .handler(
            guard.apply(
                ctx ->
                    admin
                        .setSuspended(ctx.pathParam("id"), true)
                        .thenApply(v -> Reply.noContent())));
    r.post("/api/v1/admin/users/:id/unsuspend")
        .handler(
            guard.apply(
                ctx ->
                    admin
                        .setSuspended(ctx.pathParam("id"), false)
                        .thenApply(v -> Reply.noContent())));
    r.post("/api/v1/admin/conversations")
        .handler(
            guard.apply(
                ctx -> {
                  JsonNode b = Http.body(ctx);
                  if (!"group".equals(JsonFields.text(b, "kind", true))) {
                    throw MessengerException.badRequest("kind must be group");
                  }
                  String creator = admin.live(JsonFields.text(b, "creatorId", true)).id();
                  return conversations
                      .createGroup(
                          new Caller(creator, null),
                          JsonFields.text(b, "name", true),
                          JsonFields.ids(b, "memberIds", false))
                      .thenApply(sum -> Reply.created(Wire.summary(sum)));
                }));
    r.post("/api/v1/admin/conversations/:id/messages")
        .handler(
            guard.apply(
                ctx -> {
                  JsonNode b = Http.body(ctx);
                  String sender = admin.live(JsonFields.text(b, "senderId", true)).id();
                  var cmd = JsonFields.send(b, ctx.pathParam("id"), null);
                  return messaging
                      .send(new Caller(sender, null), cmd)
                      .thenApply(
                          res -> {
                            if (!res.duplicate()) {
                              onNewMessage.run();
                            }
                            return Reply.created(Wire.message(res.message()));
                          });
                }));
    r.get("/api/v1/admin/stats")
        .handler(
            guard.apply(
                ctx -> {
                  var s = admin.stats();
                  return AccountRoutes.done(
                      Reply.ok(
                          Wire.object()
                              .put("users", s.users())
                              .put("conversations", s.conversations())
                              .put("messages", s.messages())
                              .put("connections", connections.getAsInt())));
                }));
  }

  /** Wraps admin handlers: 401 unless the bearer is an admin key; runs them on the workers. */
  static java.util.function.Function<AdminHandler, io.vertx.core.Handler<RoutingContext>> guard(
      Http http, AdminKeys keys) {
    return h ->
        http.open(
            ctx -> {
              if (!keys.matches(Http.bearer(ctx.request().getHeader("Authorization")))) {
                throw new MessengerException(
                    ErrorCode.UNAUTHORIZED, "an admin API key is required");
              }
              return h.handle(ctx);
            });
  }

  /** The JSON body, or null when there is none. */
  static JsonNode optionalBody(RoutingContext ctx) {
    var buffer = ctx.body() == null ? null : ctx.body().buffer();
    return buffer == null || buffer.length() == 0 ? null : Http.body(ctx);
  }
}
