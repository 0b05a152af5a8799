package dev.messenger.core.model;

/**
 * What a member keeps for itself in a conversation (PROTOCOL.md section 5): muted until {@code
 * mutedUntil} (ms since the epoch; 0 when not muted), {@code archived}, and {@code clearedSeq}, the
 * seq at or below which the member cleared the chat for itself (0 until it does). Seen only by that
 * member. Immutable.
 */
public record MemberSettings(long mutedUntil, boolean archived, long clearedSeq) {

  /** Not muted, not archived, never cleared. */
  public static final MemberSettings NONE = new MemberSettings(0, false, 0);

  /** True if muted at {@code now} (ms since the epoch). */
  public boolean mutedAt(long now) {
    return mutedUntil > now;
  }
}
