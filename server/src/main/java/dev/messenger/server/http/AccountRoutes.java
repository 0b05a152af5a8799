package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.User;
import dev.messenger.server.Services;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts, sessions, users, contacts and presence (PROTOCOL.md section 2, "Accounts and sessions",
 * "Contacts and presence").
 */
public final class AccountRoutes {
  private AccountRoutes() {}

  public static void mount(Router r, Http http, Services s) {
    r.post("/api/v1/users")
        .handler(
            http.open(
                ctx -> {
                  s.rateLimits().register(Http.clientIp(ctx));
                  JsonNode b = Http.body(ctx);
                  return s.accounts()
                      .register(
                          Http.text(b, "username", true),
                          Http.text(b, "password", true),
                          Http.text(b, "displayName", false))
                      .thenApply(u -> Reply.created(Wire.user(u)));
                }));
    r.post("/api/v1/sessions")
        .handler(
            http.open(
                ctx -> {
                  JsonNode b = Http.body(ctx);
                  s.rateLimits().login(Http.clientIp(ctx), Http.text(b, "username", true));
                  return s.accounts()
                      .login(
                          Http.text(b, "username", true),
                          Http.text(b, "password", true),
                          Http.text(b, "deviceName", false))
                      .thenApply(
                          session ->
                              Reply.created(
                                  Wire.object()
                                      .put("token", session.token())
                                      .put("userId", session.userId())
                                      .put("deviceId", session.deviceId())));
                }));
    r.delete("/api/v1/sessions/current")
        .handler(
            http.authed(
                (caller, ctx) -> s.accounts().logout(caller).thenApply(v -> Reply.noContent())));
    r.get("/api/v1/users/:id")
        .handler(
            http.authed(
                (caller, ctx) ->
                    done(Reply.ok(Wire.user(s.accounts().user(ctx.pathParam("id")))))));
    r.get("/api/v1/users")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  String username = ctx.request().getParam("username");
                  if (username == null) {
                    throw MessengerException.badRequest("username is required");
                  }
                  return done(Reply.ok(Wire.user(s.accounts().userByUsername(username))));
                }));
    r.put("/api/v1/contacts/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    s.accounts()
                        .addContact(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.delete("/api/v1/contacts/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    s.accounts()
                        .removeContact(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.get("/api/v1/contacts")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("contacts");
                  for (User u : s.accounts().contacts(caller.userId())) {
                    ObjectNode c = Wire.user(u);
                    s.presence()
                        .view(caller.userId(), u.id())
                        .ifPresent(p -> c.set("presence", presenceOnly(Wire.presence(p))));
                    list.add(c);
                  }
                  return done(Reply.ok(out));
                }));
    r.get("/api/v1/presence")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  String ids = ctx.request().getParam("userIds");
                  if (ids == null || ids.isBlank()) {
                    throw MessengerException.badRequest("userIds is required");
                  }
                  String[] split = ids.split(",");
                  if (split.length > 500) {
                    throw MessengerException.badRequest("at most 500 userIds");
                  }
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("presence");
                  for (String id : split) {
                    s.presence()
                        .view(caller.userId(), id.trim())
                        .ifPresent(p -> list.add(Wire.presence(p)));
                  }
                  return done(Reply.ok(out));
                }));
  }

  private static ObjectNode presenceOnly(ObjectNode p) {
    p.remove("userId");
    return p;
  }

  static CompletableFuture<Reply> done(Reply r) {
    return CompletableFuture.completedFuture(r);
  }
}
