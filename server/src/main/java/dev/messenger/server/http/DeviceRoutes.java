package dev.messenger.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.Device;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.JsonFields;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/**
 * A user's sessions (PROTOCOL.md section 8): {@code GET /api/v1/devices}, {@code DELETE
 * /api/v1/devices/{id}} (its sockets close with 4001 on every node) and {@code PUT
 * /api/v1/users/me/password} (every other device is logged out).
 */
public final class DeviceRoutes {
  private DeviceRoutes() {}

  /** Mounts the routes on {@code r}; {@code http} runs the handlers on the worker pool. */
  public static void mount(Router r, Http http, Accounts accounts) {
    r.get("/api/v1/devices")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  ObjectNode out = Wire.object();
                  ArrayNode list = out.putArray("devices");
                  for (Device d : accounts.devices(caller.userId())) {
                    list.add(device(d, caller));
                  }
                  return AccountRoutes.done(Reply.ok(out));
                }));
    r.delete("/api/v1/devices/:id")
        .handler(
            http.authed(
                (caller, ctx) ->
                    accounts
                        .revokeDevice(caller, ctx.pathParam("id"))
                        .thenApply(v -> Reply.noContent())));
    r.put("/api/v1/users/me/password")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  JsonNode b = Http.body(ctx);
                  return accounts
                      .changePassword(
                          caller,
                          JsonFields.text(b, "oldPassword", true),
                          JsonFields.text(b, "newPassword", true))
                      .thenApply(v -> Reply.noContent());
                }));
  }

  /**
   * {@code {"id", "name", "createdAt", "lastActiveAt", "current", "push"?}}. {@code push} is {@code
   * {"type", "active", "lastSuccessAt"?, "lastError"?}} while the device has a subscription ({@code
   * active} true), and after a push service invalidated it ({@code active} false, {@code lastError}
   * says why) until the device subscribes again or unsubscribes (PROTOCOL.md section 9).
   */
  static ObjectNode device(Device d, Caller caller) {
    ObjectNode o = Wire.object();
    o.put("id", d.id());
    if (d.name() == null) {
      o.putNull("name");
    } else {
      o.put("name", d.name());
    }
    o.put("createdAt", d.createdAt());
    o.put("lastActiveAt", d.activeAt());
    o.put("current", caller != null && d.id().equals(caller.deviceId()));
    if (d.pushType() != null && (d.push() != null || d.pushLastError() != null)) {
      ObjectNode p = o.putObject("push").put("type", d.pushType()).put("active", d.push() != null);
      if (d.pushLastSuccessAt() != 0) {
        p.put("lastSuccessAt", d.pushLastSuccessAt());
      }
      if (d.pushLastError() != null) {
        p.put("lastError", d.pushLastError());
      }
    }
    return o;
  }
}
