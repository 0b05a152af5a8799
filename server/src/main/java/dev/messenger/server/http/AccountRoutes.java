package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Session;
import dev.messenger.core.accounts.User;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.presence.PresenceQuery;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.limits.RateLimits;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts, sessions, users, contacts and presence (PROTOCOL.md section 2, "Accounts and sessions",
 * "Contacts and presence").
 */
public final class AccountRoutes {
  private AccountRoutes() {}

  /** External sign-in: a JWT and an optional device name to a new session (PROTOCOL.md 8). */
  @FunctionalInterface
  public interface JwtSignIn {
    /**
     * @throws dev.messenger.core.MessengerException {@code unauthorized} for a token that does not
     *     verify
     */
    CompletableFuture<Session> signIn(String jwt, String deviceName);
  }

  /**
   * Mounts the routes on {@code r}.
   *
   * @param http runs the handlers on the worker pool
   * @param accounts registration, sessions, users and contacts
   * @param presence what a caller may see of others' presence
   * @param rateLimits per-IP registration and per-IP/username login limits
   * @param jwt external sign-in ({@code POST /api/v1/sessions {"jwt"}}); null when not configured:
   *     such a request is 401
   */
  public static void mount(
      Router r,
      Http http,
      Accounts accounts,
      Presence presence,
      RateLimits rateLimits,
      JwtSignIn jwt) {
    r.post("/api/v1/users")
        .handler(
            http.open(
                ctx -> {
                  rateLimits.register(Http.clientIp(ctx));
                  JsonNode b = Http.body(ctx);
                  return accounts
                      .register(
                          JsonFields.text(b, "username", true),
                          JsonFields.text(b, "password", true),
                          JsonFields.text(b, "displayName", false))
                      .thenApply(u -> Reply.created(Wire.user(u)));
                }));
    r.post("/api/v1/sessions")
        .handler(
            http.open(
                ctx -> {
                  JsonNode b = Http.body(ctx);
                  if (b.has("jwt")) {
                    rateLimits.login(Http.clientIp(ctx), "");
                    String token = JsonFields.text(b, "jwt", true);
                    if (jwt == null) {
                      throw new MessengerException(
                          dev.messenger.core.ErrorCode.UNAUTHORIZED,
                          "external sign-in is not configured");
                    }
                    return jwt.signIn(token, JsonFields.text(b, "deviceName", false))
                        .thenApply(AccountRoutes::sessionReply);
                  }
                  rateLimits.login(Http.clientIp(ctx), JsonFields.text(b, "username", true));
                  return accounts
                      .login(
                          JsonFields.text(b, "username", true),
                          JsonFields.text(b, "password", true),
                          JsonFields.text(b, "deviceName", false))
                      .thenApply(AccountRoutes::sessionReply);
                }));
    r.delete("/api/v1/sessions/current")
        .handler(
            http.authed(
                (caller, ctx) -> accounts.logout(caller).thenApply(v -> Reply.noContent())));
    r.get("/api/v1/users/:id")
        .handler(
            http.authed(
                (caller, ctx) -> done(Reply.ok(Wire.user(accounts.user(ctx.pathParam("id")))))));
    r.get("/api/v1/users")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  String username = ctx.request().getParam("username");
                  if (username == null) {
                    throw MessengerException.badRequest("username is required");
                  }
                  return done(Reply.ok(Wire.user(accounts.userByUsername(username))));
                }));
    r.put("/api/v1/contacts/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    accounts
                        .addContact(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.delete("/api/v1/contacts/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    accounts
                        .removeContact(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.get("/api/v1/contacts")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("contacts");
                  for (User u : accounts.contacts(caller.userId())) {
                    ObjectNode c = Wire.user(u);
                    presence
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
                  var query = new PresenceQuery(Arrays.asList(ids.split(",")));
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("presence");
                  for (String id : query.userIds()) {
                    presence
                        .view(caller.userId(), id.trim())
                        .ifPresent(p -> list.add(Wire.presence(p)));
                  }
                  return done(Reply.ok(out));
                }));
  }

  /** {@code 201 {"token", "userId", "deviceId"}}. */
  static Reply sessionReply(Session session) {
    return Reply.created(
        Wire.object()
            .put("token", session.token())
            .put("userId", session.userId())
            .put("deviceId", session.deviceId()));
  }

  private static ObjectNode presenceOnly(ObjectNode p) {
    p.remove("userId");
    return p;
  }

  static CompletableFuture<Reply> done(Reply r) {
    return CompletableFuture.completedFuture(r);
  }
}
