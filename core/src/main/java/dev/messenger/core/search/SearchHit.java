package dev.messenger.core.search;

/**
 * A message that matched a search, as the store returns it: where it is, who sent it, when (ts in
 * ms since the epoch), and its current body (the snippet is made from it).
 */
public record SearchHit(String conversationId, long seq, String senderId, long ts, String body) {}
