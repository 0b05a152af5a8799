package dev.messenger.core.search;

import dev.messenger.core.MessengerException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A place in search results, which run newest first. A store orders them either by {@code position}
 * descending (SQLite: the message's rowid, which is commit order, so the full-text index can be
 * walked from its newest entry and stop at the page's end) or, where {@code position} is 0, by
 * {@code ts} descending, then conversation id, then seq, both descending (PostgreSQL). Opaque on
 * the wire (base64url of its fields); results "before" it are the ones after it in that order.
 * Immutable.
 */
public record SearchCursor(long ts, String conversationId, long seq, long position) {

  /** The cursor of the results after {@code hit}. */
  public static SearchCursor after(SearchHit hit) {
    return new SearchCursor(hit.ts(), hit.conversationId(), hit.seq(), hit.position());
  }

  /** The opaque text a client passes back as {@code before}. */
  public String encode() {
    String raw = ts + ":" + seq + ":" + position + ":" + conversationId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor made by {@link #encode}.
   *
   * @throws MessengerException {@code bad_request} if it is not one
   */
  public static SearchCursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] f = raw.split(":", 4);
      return new SearchCursor(
          Long.parseLong(f[0]), f[3], Long.parseLong(f[1]), Long.parseLong(f[2]));
    } catch (RuntimeException e) {
      throw MessengerException.badRequest("before is not a cursor this server gave");
    }
  }
}
