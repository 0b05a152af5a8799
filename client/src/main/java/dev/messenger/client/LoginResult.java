package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a login ({@code POST /api/v1/sessions}): a bearer token for a new device.
 * Immutable.
 *
 * @param token opaque bearer token; keep it secret
 * @param userId the logged-in user
 * @param deviceId the device this login created
 */
public record LoginResult(String token, String userId, String deviceId) {

  /** Reads a session object; missing fields become null. */
  public static LoginResult fromJson(JsonNode node) {
    return new LoginResult(
        Json.text(node, "token"), Json.text(node, "userId"), Json.text(node, "deviceId"));
  }

  /** Hides the token, so that logging a result does not leak it. */
  @Override
  public String toString() {
    return "LoginResult[token=***, userId=" + userId + ", deviceId=" + deviceId + "]";
  }
}
