package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A member of a conversation with its receipt cursors: {@code {"userId", "role", "deliveredSeq",
 * "readSeq"}}. Immutable.
 *
 * @param userId the member
 * @param role {@code admin} or {@code member}
 * @param deliveredSeq highest seq any of the member's devices acked as delivered
 * @param readSeq highest seq any of the member's devices acked as read
 */
public record MemberView(String userId, String role, long deliveredSeq, long readSeq) {

  /** Reads a member object; missing cursors become 0. */
  public static MemberView fromJson(JsonNode node) {
    return new MemberView(
        Json.text(node, "userId"),
        Json.text(node, "role"),
        Json.number(node, "deliveredSeq"),
        Json.number(node, "readSeq"));
  }
}
