package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.conversations.ConversationSettings;
import dev.messenger.core.conversations.SettingsPatch;
import dev.messenger.core.messaging.MessageChanges;
import dev.messenger.core.messaging.ReadBy;
import dev.messenger.core.messaging.UpdateCommand;
import dev.messenger.core.model.Update;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages that change and what each member keeps for itself, over HTTP (PROTOCOL.md sections 4 and
 * 5): one message, edit, delete, reactions, pins, "read by", settings and clear. Changes made here
 * come from no device, so every socket of the caller gets the update entry as a {@code message}
 * frame.
 */
public final class MessageChangeRoutes {
  private MessageChangeRoutes() {}

  private static final String MESSAGE = "/api/v1/conversations/:id/messages/:seq";

  /**
   * Mounts the routes on {@code r}.
   *
   * @param http runs the handlers on the worker pool
   */
  public static void mount(
      Router r, Http http, MessageChanges changes, ConversationSettings settings) {
    r.get(MESSAGE)
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(
                        Reply.ok(
                            Wire.message(
                                changes.message(
                                    caller.userId(), ctx.pathParam("id"), Http.pathSeq(ctx)))))));
    r.patch(MESSAGE)
        .handler(
            http.authed(
                (caller, ctx) -> {
                  String body = JsonFields.text(Http.body(ctx), "body", true);
                  return change(changes, caller, ctx, Update.Action.EDITED, body, null)
                      .thenApply(res -> Reply.ok(Wire.message(res.target())));
                }));
    r.delete(MESSAGE)
        .handler(
            http.authed(
                (caller, ctx) -> noContent(changes, caller, ctx, Update.Action.DELETED, null)));
    r.put(MESSAGE + "/reactions/:emoji")
        .handler(
            http.authed(
                (caller, ctx) ->
                    noContent(
                        changes, caller, ctx, Update.Action.REACTED, ctx.pathParam("emoji"))));
    r.delete(MESSAGE + "/reactions/:emoji")
        .handler(
            http.authed(
                (caller, ctx) ->
                    noContent(
                        changes, caller, ctx, Update.Action.UNREACTED, ctx.pathParam("emoji"))));
    r.put("/api/v1/conversations/:id/pins/:seq")
        .handler(
            http.authed(
                (caller, ctx) -> noContent(changes, caller, ctx, Update.Action.PINNED, null)));
    r.delete("/api/v1/conversations/:id/pins/:seq")
        .handler(
            http.authed(
                (caller, ctx) -> noContent(changes, caller, ctx, Update.Action.UNPINNED, null)));
    r.get(MESSAGE + "/receipts")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  ReadBy by =
                      changes.readBy(caller.userId(), ctx.pathParam("id"), Http.pathSeq(ctx));
                  var out = Wire.object();
                  ids(out.putArray("delivered"), by.delivered());
                  ids(out.putArray("read"), by.read());
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.patch("/api/v1/conversations/:id/settings")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  JsonNode archived = b.get("archived");
                  if (archived != null && !archived.isNull() && !archived.isBoolean()) {
                    throw dev.messenger.core.MessengerException.badRequest(
                        "archived must be true or false");
                  }
                  var patch =
                      new SettingsPatch(
                          b.has("mutedUntil"),
                          JsonFields.integer(b, "mutedUntil", false),
                          archived == null || archived.isNull() ? null : archived.booleanValue());
                  return settings
                      .change(caller, ctx.pathParam("id"), patch)
                      .thenApply(sum -> Reply.ok(Wire.summary(sum)));
                }));
    r.post("/api/v1/conversations/:id/clear")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  Long seq = JsonFields.integer(Http.body(ctx), "seq", true);
                  return settings
                      .clear(caller, ctx.pathParam("id"), seq)
                      .thenApply(v -> Reply.noContent());
                }));
  }

  private static CompletableFuture<Reply> noContent(
      MessageChanges changes, Caller caller, RoutingContext ctx, Update.Action a, String emoji) {
    return change(changes, caller, ctx, a, null, emoji).thenApply(res -> Reply.noContent());
  }

  private static CompletableFuture<dev.messenger.core.store.UpdateResult> change(
      MessageChanges changes,
      Caller caller,
      RoutingContext ctx,
      Update.Action a,
      String body,
      String emoji) {
    long seq = Http.pathSeq(ctx);
    UpdateCommand cmd = UpdateCommand.of(ctx.pathParam("id"), a, seq, body, emoji);
    // No origin device: every socket of the caller gets the update entry.
    return changes.change(new Caller(caller.userId(), null), cmd);
  }

  private static void ids(com.fasterxml.jackson.databind.node.ArrayNode a, List<String> ids) {
    ids.forEach(a::add);
  }
}
