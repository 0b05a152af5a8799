package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Who has a message: {@code {"delivered": [userId...], "read": [userId...]}}, the answer of {@code
 * GET /conversations/{id}/messages/{seq}/receipts} (PROTOCOL.md section 4): the members other than
 * the sender whose cursor reached that seq. Immutable.
 *
 * @param delivered users whose {@code deliveredSeq} reached the message; never null
 * @param read users whose {@code readSeq} reached the message; never null
 */
public record ReadByView(List<String> delivered, List<String> read) {

  /** Copies both lists; null becomes an empty list. */
  public ReadByView {
    delivered = delivered == null ? List.of() : List.copyOf(delivered);
    read = read == null ? List.of() : List.copyOf(read);
  }

  /** Reads a receipts answer. */
  public static ReadByView fromJson(JsonNode node) {
    return new ReadByView(
        Json.list(node, "delivered", JsonNode::asText), Json.list(node, "read", JsonNode::asText));
  }
}
