package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.User;
import dev.messenger.core.blocking.Blocks;
import dev.messenger.core.profiles.Profiles;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/**
 * The caller's own profile and blocks: {@code GET}/{@code PATCH /api/v1/users/me} (PROTOCOL.md
 * section 8) and {@code GET /api/v1/blocks}, {@code PUT}/{@code DELETE /api/v1/blocks/{userId}}
 * (section 6). Mount before {@link AccountRoutes}, whose {@code /users/:id} would take "me".
 */
public final class ProfileRoutes {
  private ProfileRoutes() {}

  /** Mounts the routes on {@code r}; {@code http} runs the handlers on the worker pool. */
  public static void mount(
      Router r, Http http, Accounts accounts, Profiles profiles, Blocks blocks) {
    r.get("/api/v1/users/me")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(Reply.ok(Wire.user(accounts.user(caller.userId()))))));
    r.patch("/api/v1/users/me")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  JsonNode avatar = b.get("avatar");
                  if (avatar != null && !avatar.isNull() && !avatar.isTextual()) {
                    throw MessengerException.badRequest("avatar must be a media id or null");
                  }
                  var change =
                      new Profiles.Change(
                          JsonFields.text(b, "displayName", false),
                          avatar != null,
                          avatar == null || avatar.isNull() ? null : avatar.asText());
                  return profiles.update(caller, change).thenApply(u -> Reply.ok(Wire.user(u)));
                }));
    r.get("/api/v1/blocks")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("blocks");
                  for (User u : blocks.list(caller.userId())) {
                    list.add(Wire.user(u));
                  }
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.put("/api/v1/blocks/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    blocks
                        .block(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.delete("/api/v1/blocks/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    blocks
                        .unblock(caller, ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
  }
}
