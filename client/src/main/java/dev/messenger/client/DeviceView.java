package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One logged-in device of the caller, as {@code GET /api/v1/devices} shows it (PROTOCOL.md section
 * 8). Times in ms since the epoch. Immutable.
 *
 * @param name the name given at login, or null
 * @param current true for the device whose token made the request
 * @param pushType {@code webpush}, {@code fcm} or {@code apns} when the device has a subscription,
 *     or had one that a push service invalidated (then {@code push.active} is false and {@code
 *     pushLastError} says why; PROTOCOL.md section 9); else null
 * @param pushLastSuccessAt last accepted push, 0 if none
 * @param pushLastError last push failure, or null
 */
public record DeviceView(
    String id,
    String name,
    long createdAt,
    long lastActiveAt,
    boolean current,
    String pushType,
    long pushLastSuccessAt,
    String pushLastError) {

  /** Reads a device object. */
  public static DeviceView fromJson(JsonNode node) {
    JsonNode push = Json.objectOrNull(node, "push");
    return new DeviceView(
        Json.text(node, "id"),
        Json.text(node, "name"),
        Json.number(node, "createdAt"),
        Json.number(node, "lastActiveAt"),
        node.path("current").asBoolean(false),
        Json.text(push, "type"),
        Json.number(push, "lastSuccessAt"),
        Json.text(push, "lastError"));
  }
}
