package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of search results (PROTOCOL.md section 7): {@code {"results": [...], "next"?}}, newest
 * first. Immutable.
 *
 * @param results the matching messages, newest first; never null
 * @param next the opaque cursor of the next page (pass it as {@code before}), or null when there
 *     are no more results
 */
public record SearchPage(List<SearchResultView> results, String next) {

  /** Copies {@code results}; null becomes an empty list. */
  public SearchPage {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /** Whether another page follows. */
  public boolean hasMore() {
    return next != null;
  }

  /** Reads a search answer. */
  public static SearchPage fromJson(JsonNode node) {
    JsonNode next = node.path("next");
    return new SearchPage(
        Json.list(node, "results", SearchResultView::fromJson),
        next.isTextual() ? next.asText() : null);
  }
}
