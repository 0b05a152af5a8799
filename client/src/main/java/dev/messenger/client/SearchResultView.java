package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One search result (PROTOCOL.md section 7): a message the caller can see whose words match the
 * query. Open it in context with {@link SearchApi#around}. Immutable.
 *
 * @param conversationId the conversation the message is in
 * @param seq the message's seq in that conversation
 * @param senderId the sender's user id
 * @param ts when the server stored the message, ms since the epoch
 * @param snippet plain text: the whole body, or about 200 code points around the first match
 */
public record SearchResultView(
    String conversationId, long seq, String senderId, long ts, String snippet) {

  /** Reads one element of a search answer's {@code results}. */
  public static SearchResultView fromJson(JsonNode node) {
    return new SearchResultView(
        Json.text(node, "conversationId"),
        node.path("seq").asLong(),
        Json.text(node, "senderId"),
        node.path("ts").asLong(),
        node.path("snippet").asText(""));
  }
}
