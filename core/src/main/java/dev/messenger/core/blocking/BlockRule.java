package dev.messenger.core.blocking;

/**
 * The question every feature asks about two users (PROTOCOL.md section 6). Implementations are
 * thread-safe; a call may block on a store read when the answer is not cached.
 */
public interface BlockRule {
  /** No blocks at all: for wiring without blocking (unit tests of other features). */
  BlockRule NONE =
      new BlockRule() {
        @Override
        public boolean blocks(String blockerId, String blockedId) {
          return false;
        }
      };

  /** True while {@code blockerId} blocks {@code blockedId}. */
  boolean blocks(String blockerId, String blockedId);

  /** True while either user blocks the other: no direct chat, presence or typing between them. */
  default boolean between(String a, String b) {
    return blocks(a, b) || blocks(b, a);
  }
}
