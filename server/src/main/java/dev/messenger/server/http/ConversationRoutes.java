package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.server.Services;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/** Conversations, members and messages (PROTOCOL.md section 2, "Conversations", "Messages"). */
public final class ConversationRoutes {
  private ConversationRoutes() {}

  public static void mount(Router r, Http http, Services s) {
    r.post("/api/v1/conversations")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  String kind = Http.text(b, "kind", true);
                  if (kind.equals("direct")) {
                    return s.conversations()
                        .openDirect(caller, Http.text(b, "userId", true))
                        .thenApply(
                            o -> new Reply(o.created() ? 201 : 200, Wire.summary(o.summary())));
                  }
                  if (kind.equals("group")) {
                    return s.conversations()
                        .createGroup(caller, Http.text(b, "name", true), ids(b, "memberIds"))
                        .thenApply(sum -> Reply.created(Wire.summary(sum)));
                  }
                  throw MessengerException.badRequest("kind must be direct or group");
                }));
    r.get("/api/v1/conversations")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  var out = Wire.object();
                  out.set("conversations", Wire.summaries(s.conversations().list(caller.userId())));
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.get("/api/v1/conversations/:id")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(
                        Reply.ok(
                            Wire.summary(
                                s.conversations()
                                    .summary(caller.userId(), ctx.pathParam("id")))))));
    r.patch("/api/v1/conversations/:id")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  return s.conversations()
                      .rename(caller, ctx.pathParam("id"), Http.text(b, "name", true))
                      .thenApply(sum -> Reply.ok(Wire.summary(sum)));
                }));
    r.post("/api/v1/conversations/:id/members")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  return s.conversations()
                      .addMember(caller, ctx.pathParam("id"), Http.text(b, "userId", true))
                      .thenApply(v -> Reply.noContent());
                }));
    r.delete("/api/v1/conversations/:id/members/:userId")
        .handler(
            http.authed(
                (caller, ctx) ->
                    s.conversations()
                        .removeMember(caller, ctx.pathParam("id"), ctx.pathParam("userId"))
                        .thenApply(v -> Reply.noContent())));
    r.get("/api/v1/conversations/:id/messages")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  Long limit = Http.queryLong(ctx, "limit");
                  if (limit != null && (limit < 1 || limit > 200)) {
                    throw MessengerException.badRequest("limit must be 1-200");
                  }
                  var page =
                      s.messaging()
                          .history(
                              caller.userId(),
                              ctx.pathParam("id"),
                              Http.queryLong(ctx, "before"),
                              Http.queryLong(ctx, "after"),
                              limit == null ? null : limit.intValue());
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
                  var cmd =
                      new SendCommand(
                          ctx.pathParam("id"),
                          null,
                          Http.text(b, "clientId", true),
                          Http.text(b, "body", false) == null ? "" : Http.text(b, "body", false),
                          ids(b, "attachments"));
                  // No origin device: every socket of the sender gets the message frame, since
                  // the HTTP answer does not reach them.
                  return s.messaging()
                      .send(new Caller(caller.userId(), null), cmd)
                      .thenApply(
                          res -> {
                            if (!res.duplicate()) {
                              s.metrics().sent();
                            }
                            return Reply.created(Wire.message(res.message()));
                          });
                }));
  }

  private static List<String> ids(JsonNode b, String field) {
    JsonNode a = b.get(field);
    List<String> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isArray()) {
      throw MessengerException.badRequest(field + " must be an array of ids");
    }
    for (JsonNode x : a) {
      if (!x.isTextual() || x.textValue().length() > 64) {
        throw MessengerException.badRequest(field + " must hold ids");
      }
      out.add(x.textValue());
    }
    return out;
  }
}
