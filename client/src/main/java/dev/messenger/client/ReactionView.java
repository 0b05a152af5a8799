package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One emoji on a message and who put it there: {@code {"emoji", "count", "userIds"}} (PROTOCOL.md
 * section 4). Immutable.
 *
 * @param emoji the emoji, 1-16 code points
 * @param count how many users reacted with it, {@code userIds.size()}
 * @param userIds the users, in the order they reacted; never null
 */
public record ReactionView(String emoji, int count, List<String> userIds) {

  /** Copies {@code userIds}; null becomes an empty list. */
  public ReactionView {
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
  }

  /** Reads a reaction object. */
  public static ReactionView fromJson(JsonNode node) {
    return new ReactionView(
        Json.text(node, "emoji"),
        (int) Json.number(node, "count"),
        Json.list(node, "userIds", JsonNode::asText));
  }
}
