package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/**
 * The server API for the operator's own backend (PROTOCOL.md section 8, {@code /api/v1/admin/}),
 * called with an admin API key. Immutable and thread-safe; failures as in {@link MessengerClient}.
 * The key is sent only as {@code Authorization: Bearer} and never shown.
 */
public final class AdminClient {
  private final MessengerClient client;

  /**
   * @param baseUri the server, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey one of the server's {@code admin-api-keys}
   */
  public AdminClient(URI baseUri, String apiKey) {
    this.client = new MessengerClient(baseUri).withToken(apiKey);
  }

  /** Creates a user; every argument but {@code username} may be null. */
  public UserView createUser(
      String username, String displayName, String password, String externalId) {
    ObjectNode body = Json.object().put("username", username);
    putIf(body, "displayName", displayName);
    putIf(body, "password", password);
    putIf(body, "externalId", externalId);
    return UserView.fromJson(client.rawRequest("POST", "/admin/users", Json.write(body)));
  }

  /** The user created with this external id; 404 if none. */
  public UserView userByExternalId(String externalId) {
    return UserView.fromJson(
        client.rawRequest(
            "GET", "/admin/users?externalId=" + AccountClient.segment(externalId), null));
  }

  /** Signs the user in on a new device; {@code deviceName} may be null. */
  public LoginResult createSession(String userId, String deviceName) {
    ObjectNode body = Json.object();
    putIf(body, "deviceName", deviceName);
    return LoginResult.fromJson(
        client.rawRequest(
            "POST",
            "/admin/users/" + AccountClient.segment(userId) + "/sessions",
            Json.write(body)));
  }

  /** Suspends the user: its sockets close with 4003, its tokens and logins get 403. */
  public void suspend(String userId) {
    client.rawRequest("POST", "/admin/users/" + AccountClient.segment(userId) + "/suspend", null);
  }

  /** Lifts a suspension. */
  public void unsuspend(String userId) {
    client.rawRequest("POST", "/admin/users/" + AccountClient.segment(userId) + "/unsuspend", null);
  }

  /** Erases the user, as {@code DELETE /users/me} does. */
  public void eraseUser(String userId) {
    client.rawRequest("DELETE", "/admin/users/" + AccountClient.segment(userId), null);
  }

  /** The export of one user. */
  public JsonNode export(String userId) {
    return client.rawRequest(
        "GET", "/admin/users/" + AccountClient.segment(userId) + "/export", null);
  }

  /** Creates a group for {@code creatorId} (its admin). */
  public ConversationView createGroup(String name, String creatorId, List<String> memberIds) {
    ObjectNode body =
        Json.object().put("kind", "group").put("name", name).put("creatorId", creatorId);
    var ids = body.putArray("memberIds");
    memberIds.forEach(ids::add);
    return ConversationView.fromJson(
        client.rawRequest("POST", "/admin/conversations", Json.write(body)));
  }

  /** Posts a message as {@code senderId}, which must be a member. */
  public MessageView postMessage(
      String conversationId, String senderId, String clientId, String body) {
    ObjectNode b =
        Json.object().put("senderId", senderId).put("clientId", clientId).put("body", body);
    return MessageView.fromJson(
        client.rawRequest(
            "POST",
            "/admin/conversations/" + AccountClient.segment(conversationId) + "/messages",
            Json.write(b)));
  }

  /** {@code {"users", "conversations", "messages", "connections"}}. */
  public JsonNode stats() {
    return client.rawRequest("GET", "/admin/stats", null);
  }

  private static void putIf(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
