package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.HistoryQuery;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/** Conversations, members and messages (PROTOCOL.md section 2, "Conversations", "Messages"). */
public final class ConversationRoutes {
  private ConversationRoutes() {}

  /**
   * Mounts the routes on {@code r}.
   *
   * @param http runs the handlers on the worker pool
   * @param conversations conversations and their members
   * @param messaging sends and history
   * @param onNewMessage called once for each message a POST stored (not for an idempotent resend)
   */
  public static void mount(
      Router r,
      Http http,
      Conversations conversations,
      Messaging messaging,
      Runnable onNewMessage) {
    r.post("/api/v1/conversations")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  String kind = JsonFields.text(b, "kind", true);
                  if (kind.equals("direct")) {
                    return conversations
                        .openDirect(caller, JsonFields.text(b, "userId", true))
                        .thenApply(
                            o -> new Reply(o.created() ? 201 : 200, Wire.summary(o.summary())));
                  }
                  if (kind.equals("group")) {
                    return conversations
                        .createGroup(
                            caller,
                            JsonFields.text(b, "name", true),
                            JsonFields.ids(b, "memberIds", false))
                        .thenApply(sum -> Reply.created(Wire.summary(sum)));
                  }
                  throw MessengerException.badRequest("kind must be direct or group");
                }));
    r.get("/api/v1/conversations")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  var out = Wire.object();
                  out.set("conversations", Wire.summaries(conversations.list(caller.userId())));
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.get("/api/v1/conversations/:id")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(
                        Reply.ok(
                            Wire.summary(
                                conversations.summary(caller.userId(), ctx.pathParam("id")))))));
    r.patch("/api/v1/conversations/:id")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  return conversations
                      .rename(caller, ctx.pathParam("id"), JsonFields.text(b, "name", true))
                      .thenApply(sum -> Reply.ok(Wire.summary(sum)));
                }));
    r.post("/api/v1/conversations/:id/members")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  return conversations
                      .addMember(caller, ctx.pathParam("id"), JsonFields.text(b, "userId", true))
                      .thenApply(v -> Reply.noContent());
                }));
    r.delete("/api/v1/conversations/:id/members/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    conversations
                        .removeMember(caller, ctx.pathParam("id"), ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.get("/api/v1/conversations/:id/messages")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  var query =
                      HistoryQuery.of(
                          ctx.pathParam("id"),
                          Http.queryLong(ctx, "before"),
                          Http.queryLong(ctx, "after"),
                          Http.queryLong(ctx, "around"),
                          Http.queryLong(ctx, "limit"));
                  var page = messaging.history(caller.userId(), query);
                  var out = Wire.object();
                  out.set("messages", Wire.messages(page.messages()));
                  out.put("hasMore", page.hasMore());
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.post("/api/v1/conversations/:id/messages")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  var cmd = JsonFields.send(b, ctx.pathParam("id"), null);
                  // No origin device: every socket of the sender gets the message frame, since
                  // the HTTP answer does not reach them.
                  return messaging
                      .send(new Caller(caller.userId(), null), cmd)
                      .thenApply(
                          res -> {
                            if (!res.duplicate()) {
                              onNewMessage.run();
                            }
                            return Reply.created(Wire.message(res.message()));
                          });
                }));
  }
}
