package dev.messenger.core.messaging;

import dev.messenger.core.MessengerException;

/**
 * A request for one page of a conversation's history, as a client asks for it (WebSocket {@code
 * history} or HTTP {@code GET /conversations/{id}/messages}). Both edges build it, so its rules and
 * their messages exist here only. Immutable.
 *
 * @param conversationId the conversation
 * @param before exclusive upper seq ({@code >= 1}): the newest page below it; null for none
 * @param after exclusive lower seq ({@code >= 0}): the oldest page above it; null for none
 * @param limit most messages in the page, {@code 1}-{@value #MAX_LIMIT}
 * @throws MessengerException {@code bad_request} if the conversation is missing, both {@code
 *     before} and {@code after} are given, the limit is out of range, or a seq is too small
 */
public record HistoryQuery(String conversationId, Long before, Long after, int limit) {
  /** Most messages one history page returns (PROTOCOL.md: limit 1-200). */
  public static final int MAX_LIMIT = 200;

  /** The page size when the client gives no limit. */
  public static final int DEFAULT_LIMIT = 50;

  public HistoryQuery {
    if (conversationId == null) {
      throw MessengerException.badRequest("conversationId is required");
    }
    if (before != null && after != null) {
      throw MessengerException.badRequest("give at most one of before and after");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw limitOutOfRange();
    }
    if ((before != null && before < 1) || (after != null && after < 0)) {
      throw MessengerException.badRequest("before must be >= 1 and after >= 0");
    }
  }

  /**
   * A query from the numbers a client sent; a null {@code limit} is {@value #DEFAULT_LIMIT}.
   *
   * @throws MessengerException {@code bad_request} as the canonical constructor, also for a limit
   *     beyond the range of {@code int}
   */
  public static HistoryQuery of(String conversationId, Long before, Long after, Long limit) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw limitOutOfRange();
    }
    return new HistoryQuery(
        conversationId, before, after, limit == null ? DEFAULT_LIMIT : limit.intValue());
  }

  /**
   * Like {@link #of}, with {@code around} (an addition to PROTOCOL.md, for jumping to a search
   * result or a replied-to message): when given, the page of {@code limit} messages starting half a
   * page before seq {@code around} (an {@code after} query), so that it is in the middle.
   *
   * @throws MessengerException {@code bad_request} as {@link #of}, or when {@code around} is below
   *     1 or given with {@code before} or {@code after}
   */
  public static HistoryQuery of(
      String conversationId, Long before, Long after, Long around, Long limit) {
    if (around == null) {
      return of(conversationId, before, after, limit);
    }
    if (before != null || after != null) {
      throw MessengerException.badRequest("give at most one of before, after and around");
    }
    if (around < 1) {
      throw MessengerException.badRequest("around must be >= 1");
    }
    HistoryQuery page = of(conversationId, null, 0L, limit);
    return new HistoryQuery(
        conversationId, null, Math.max(0, around - page.limit() / 2 - 1), page.limit());
  }

  private static MessengerException limitOutOfRange() {
    return MessengerException.badRequest("limit must be 1-" + MAX_LIMIT);
  }
}
