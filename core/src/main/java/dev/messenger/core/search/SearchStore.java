package dev.messenger.core.search;

import java.util.List;

/**
 * The full-text index of the messages (PROTOCOL.md section 7), kept by the store in the same
 * transaction as each message, edit and deletion. Thread-safe; reads block; failures are {@code
 * unavailable} {@link dev.messenger.core.MessengerException}s.
 */
public interface SearchStore {

  /**
   * The live {@code text} messages that contain every term as a whole word, the last also as a
   * prefix (case and Latin accents folded), that {@code userId} may see: in conversations it is or
   * was a member of, from its join on and before its leaving, above its {@code clearedSeq}; newest
   * first (see {@link SearchCursor}), strictly after {@code before} when given, at most {@code
   * limit}.
   *
   * @param terms the query's words, at least one
   * @param conversationId only this conversation, or null for all
   */
  List<SearchHit> search(
      String userId, List<String> terms, String conversationId, SearchCursor before, int limit);
}
