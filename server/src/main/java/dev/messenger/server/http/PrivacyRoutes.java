package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import dev.messenger.core.privacy.Erasure;
import dev.messenger.core.privacy.Export;
import dev.messenger.server.auth.AdminKeys;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Erasure and export (PROTOCOL.md section 8; GDPR articles 17 and 20): {@code DELETE}/{@code GET
 * /api/v1/users/me[/export]} for the user, and {@code DELETE}/{@code GET
 * /api/v1/admin/users/{id}[/export]} for the operator's backend.
 */
public final class PrivacyRoutes {
  private PrivacyRoutes() {}

  /** Mounts the routes on {@code r}. */
  public static void mount(
      Router r,
      Http http,
      AdminKeys keys,
      Accounts accounts,
      Erasure erasure,
      Export export,
      Clock clock) {
    var admin = AdminRoutes.guard(http, keys);
    r.delete("/api/v1/users/me")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = AdminRoutes.optionalBody(ctx);
                  String password = b == null ? null : JsonFields.text(b, "password", false);
                  User me = accounts.user(caller.userId());
                  // A user without a password (signed in through a JWT or the admin API) has only
                  // its token to show.
                  if (me.hasPassword() && !accounts.passwordMatches(me.id(), password)) {
                    throw MessengerException.forbidden("the password is wrong");
                  }
                  return erasure.erase(me.id()).thenApply(v -> Reply.noContent());
                }));
    r.get("/api/v1/users/me/export")
        .handler(
            http.authed(
                (caller, ctx) ->
                    AccountRoutes.done(
                        Reply.ok(document(export.of(caller.userId()), caller, clock)))));
    r.delete("/api/v1/admin/users/:id")
        .handler(
            admin.apply(
                ctx -> {
                  User u =
                      accounts
                          .findUser(ctx.pathParam("id"))
                          .filter(x -> !x.deleted())
                          .orElseThrow(() -> MessengerException.notFound("no such user"));
                  return erasure.erase(u.id()).thenApply(v -> Reply.noContent());
                }));
    r.get("/api/v1/admin/users/:id/export")
        .handler(
            admin.apply(
                ctx ->
                    AccountRoutes.done(
                        Reply.ok(document(export.of(ctx.pathParam("id")), null, clock)))));
  }

  /**
   * {@code {"exportedAt", "user", "contacts", "blocks", "devices", "conversations", "messages"}};
   * devices carry {@code revokedAt} (0 while logged in).
   */
  static ObjectNode document(Export.Data d, Caller caller, Clock clock) {
    ObjectNode out = Wire.object();
    out.put("exportedAt", clock.millis());
    out.set("user", Wire.user(d.user()));
    ArrayNode contacts = out.putArray("contacts");
    d.contacts().forEach(u -> contacts.add(Wire.user(u)));
    ArrayNode blocks = out.putArray("blocks");
    d.blocks().forEach(u -> blocks.add(Wire.user(u)));
    ArrayNode devices = out.putArray("devices");
    for (Device dev : d.devices()) {
      devices.add(DeviceRoutes.device(dev, caller).put("revokedAt", dev.revokedAt()));
    }
    out.set("conversations", Wire.summaries(d.conversations()));
    out.set("messages", Wire.messages(d.messages()));
    return out;
  }
}
