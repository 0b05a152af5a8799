package dev.messenger.core.search;

import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.store.ConversationStore;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search (PROTOCOL.md section 7): validates a query, splits it into words, asks the {@link
 * SearchStore}, and makes plain-text snippets. Thread-safe; blocks on the store (call off the event
 * loop); failures are {@link MessengerException}s: {@code bad_request} for a bad {@code q}, {@code
 * limit} or {@code before}, {@code not_found} for a conversation the caller never was in.
 */
public final class Search {
  /** Longest query, in code points. */
  public static final int MAX_QUERY = 200;

  /** Longest snippet, in code points. */
  public static final int SNIPPET = 200;

  /** Results per page unless asked otherwise, and the most one may ask for. */
  public static final int DEFAULT_LIMIT = 20;

  public static final int MAX_LIMIT = 100;

  private final SearchStore store;
  private final ConversationStore conversations;

  public Search(SearchStore store, ConversationStore conversations) {
    this.store = store;
    this.conversations = conversations;
  }

  /** A page of results: newest first, and the cursor of the next page (null at the end). */
  public record Page(List<Result> results, String next) {}

  /** One result: where, who, when (ms since the epoch), and a snippet of plain text. */
  public record Result(String conversationId, long seq, String senderId, long ts, String snippet) {}

  /**
   * Runs a search for {@code userId}.
   *
   * @param q 1-{@value #MAX_QUERY} code points
   * @param conversationId null for every conversation
   * @param limit 1-{@value #MAX_LIMIT}, null for {@value #DEFAULT_LIMIT}
   * @param before a cursor from an earlier page's {@code next}, or null
   */
  public Page search(String userId, String q, String conversationId, Long limit, String before) {
    Text.requireLength("q", q, 1, MAX_QUERY);
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw MessengerException.badRequest("limit must be 1-" + MAX_LIMIT);
    }
    int n = limit == null ? DEFAULT_LIMIT : limit.intValue();
    SearchCursor cursor = before == null ? null : SearchCursor.decode(before);
    if (conversationId != null && conversations.member(conversationId, userId).isEmpty()) {
      throw MessengerException.notFound("no such conversation");
    }
    List<String> terms = terms(q);
    if (terms.isEmpty()) {
      return new Page(List.of(), null);
    }
    List<SearchHit> hits = store.search(userId, terms, conversationId, cursor, n + 1);
    List<Result> out = new ArrayList<>();
    for (SearchHit h : hits.subList(0, Math.min(n, hits.size()))) {
      out.add(
          new Result(h.conversationId(), h.seq(), h.senderId(), h.ts(), snippet(h.body(), terms)));
    }
    String next = hits.size() > n ? SearchCursor.after(hits.get(n - 1)).encode() : null;
    return new Page(out, next);
  }

  /** The words of a query: letters and digits, lower-cased; everything else separates them. */
  static List<String> terms(String q) {
    List<String> out = new ArrayList<>();
    for (String t : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}\\p{M}]+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code s} lower-cased without accents, for finding a hit in a body. */
  static String fold(String s) {
    return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
  }

  /**
   * At most {@value #SNIPPET} code points of {@code body} around the first word that matches a term
   * (the whole body when it is short enough), plain text.
   */
  static String snippet(String body, List<String> terms) {
    if (Text.codePoints(body) <= SNIPPET) {
      return body;
    }
    int hit = firstHit(body, terms);
    int startCp = Math.max(0, body.codePointCount(0, hit) - SNIPPET / 4);
    int total = Text.codePoints(body);
    startCp = Math.min(startCp, total - SNIPPET);
    int from = body.offsetByCodePoints(0, startCp);
    int to = body.offsetByCodePoints(from, SNIPPET);
    return body.substring(from, to);
  }

  /** The char index of the first word of {@code body} matching a term, or 0. */
  private static int firstHit(String body, List<String> terms) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[\\p{L}\\p{N}\\p{M}]+").matcher(body);
    List<String> folded = terms.stream().map(Search::fold).toList();
    String last = folded.get(folded.size() - 1);
    while (m.find()) {
      String w = fold(m.group());
      if (folded.contains(w) || w.startsWith(last)) {
        return m.start();
      }
    }
    return 0;
  }
}
