package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The caller's own account (PROTOCOL.md sections 6 and 8): devices, password, profile, blocks,
 * erasure, export, and external sign-in with a JWT. Made from a {@link MessengerClient} and uses
 * its token; immutable and thread-safe; failures as in {@link MessengerClient}.
 */
public final class AccountClient {
  private final MessengerClient client;

  public AccountClient(MessengerClient client) {
    this.client = client;
  }

  /** Signs in with a JWT from the app's own accounts; {@code deviceName} may be null. */
  public LoginResult signInWithJwt(String jwt, String deviceName) {
    ObjectNode body = Json.object().put("jwt", jwt);
    if (deviceName != null) {
      body.put("deviceName", deviceName);
    }
    return LoginResult.fromJson(client.rawRequest("POST", "/sessions", Json.write(body)));
  }

  /** The caller's user object. */
  public UserView me() {
    return UserView.fromJson(client.rawRequest("GET", "/users/me", null));
  }

  /** The logged-in devices of the caller. */
  public List<DeviceView> devices() {
    return Json.list(client.rawRequest("GET", "/devices", null), "devices", DeviceView::fromJson);
  }

  /** Logs a device out: its token stops working and its sockets close with 4001. */
  public void revokeDevice(String deviceId) {
    client.rawRequest("DELETE", "/devices/" + segment(deviceId), null);
  }

  /** Changes the password; every other device is logged out. */
  public void changePassword(String oldPassword, String newPassword) {
    client.rawRequest(
        "PUT",
        "/users/me/password",
        Json.write(Json.object().put("oldPassword", oldPassword).put("newPassword", newPassword)));
  }

  /**
   * Edits the profile: a null {@code displayName} leaves it; {@code setAvatar} false leaves the
   * avatar, true sets it to {@code avatarMediaId} (null removes it).
   */
  public UserView updateProfile(String displayName, boolean setAvatar, String avatarMediaId) {
    ObjectNode body = Json.object();
    if (displayName != null) {
      body.put("displayName", displayName);
    }
    if (setAvatar) {
      body.put("avatar", avatarMediaId);
    }
    return UserView.fromJson(client.rawRequest("PATCH", "/users/me", Json.write(body)));
  }

  /** Blocks a user (section 6). */
  public void block(String userId) {
    client.rawRequest("PUT", "/blocks/" + segment(userId), null);
  }

  /** Lifts a block. */
  public void unblock(String userId) {
    client.rawRequest("DELETE", "/blocks/" + segment(userId), null);
  }

  /** The users the caller blocks. */
  public List<UserView> blocks() {
    return Json.list(client.rawRequest("GET", "/blocks", null), "blocks", UserView::fromJson);
  }

  /** Erases the account (GDPR article 17); the password confirms it. */
  public void deleteAccount(String password) {
    client.rawRequest("DELETE", "/users/me", Json.write(Json.object().put("password", password)));
  }

  /** Everything the server holds of the caller, as one JSON document (GDPR article 20). */
  public JsonNode export() {
    return client.rawRequest("GET", "/users/me/export", null);
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
