package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of history: {@code {"messages": [...ascending seq], "hasMore"}}. Also readable from a
 * WebSocket {@code history} frame. Immutable.
 *
 * @param messages the messages in ascending seq; never null
 * @param hasMore whether more messages exist beyond this page in the direction asked
 */
public record HistoryPage(List<MessageView> messages, boolean hasMore) {

  /** Copies {@code messages}; null becomes an empty list. */
  public HistoryPage {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** Reads a history answer or frame. */
  public static HistoryPage fromJson(JsonNode node) {
    return new HistoryPage(
        Json.list(node, "messages", MessageView::fromJson), node.path("hasMore").asBoolean(false));
  }
}
