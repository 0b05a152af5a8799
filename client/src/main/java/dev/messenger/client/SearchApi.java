package dev.messenger.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Search (PROTOCOL.md section 7, {@link MessengerClient#search()}): {@code GET /api/v1/search} and
 * history {@code around} a seq, to open a result in its context.
 *
 * <p>Immutable and thread-safe; calls block and fail as {@link MessengerClient}'s do ({@link
 * ApiException}: 400 {@code bad_request} for a {@code before} this server did not make or a limit
 * out of range, 404 {@code not_found} for a conversation the caller never was in).
 */
public final class SearchApi {
  private final MessengerClient client;

  SearchApi(MessengerClient client) {
    this.client = client;
  }

  /**
   * The messages the caller can see whose words match {@code query} (whole words, the last one also
   * as a prefix), newest first. A query without any word answers no results.
   *
   * @param query the words to look for; not null
   * @param conversationId only this conversation, or null for all of the caller's
   * @param limit how many results, or null for the server's default
   * @param before the {@link SearchPage#next()} of the previous page, or null for the first page
   */
  public SearchPage search(String query, String conversationId, Integer limit, String before) {
    List<String> params = new ArrayList<>();
    params.add("q=" + encode(query));
    if (conversationId != null) {
      params.add("conversationId=" + encode(conversationId));
    }
    if (limit != null) {
      params.add("limit=" + limit);
    }
    if (before != null) {
      params.add("before=" + encode(before));
    }
    return SearchPage.fromJson(client.call("GET", "/search?" + String.join("&", params), null));
  }

  /** The first page of results over all of the caller's conversations. */
  public SearchPage search(String query) {
    return search(query, null, null, null);
  }

  /**
   * The page of {@code limit} messages starting about half a page before {@code seq} ({@code GET
   * .../messages?around=S}); {@link HistoryPage#hasMore()} then says whether newer messages follow.
   *
   * @param limit how many messages, or null for the server's default
   */
  public HistoryPage around(String conversationId, long seq, Integer limit) {
    String path =
        "/conversations/" + MessengerClient.segment(conversationId) + "/messages?around=" + seq;
    if (limit != null) {
      path += "&limit=" + limit;
    }
    return HistoryPage.fromJson(client.call("GET", path, null));
  }

  /** The page around the result's message, to show it in context. */
  public HistoryPage around(SearchResultView result, Integer limit) {
    return around(result.conversationId(), result.seq(), limit);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
