package dev.messenger.core.search;

/**
 * A message that matched a search, as the store returns it: where it is, who sent it, when (ts in
 * ms since the epoch), and its current body (the snippet is made from it).
 *
 * @param position the store's own key of the result order, carried into the next page's {@link
 *     SearchCursor}: SQLite's message rowid (commit order), or 0 where the order is by {@code ts}
 */
public record SearchHit(
    String conversationId, long seq, String senderId, long ts, String body, long position) {}
