package dev.messenger.core.messaging;

import dev.messenger.core.store.NewMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A check every send passes after its own rules and before it is stored (PROTOCOL.md section 8,
 * "Before-send hook"): the verdict allows it, rejects it ({@code forbidden} with the reason) or
 * replaces its body (then the body rules apply again). {@link #NONE} allows everything at once.
 *
 * <p>Implementations must not block: {@link Messaging} may call {@link #check} on an event loop.
 * They are thread-safe. A hook that cannot decide (timeout, error, overload) either completes with
 * a verdict of its own choosing or fails the future with a {@link
 * dev.messenger.core.MessengerException} (e.g. {@code unavailable}), which the sender gets.
 */
@FunctionalInterface
public interface SendHook {
  /** No hook: every send is allowed, without delay. */
  SendHook NONE = m -> CompletableFuture.completedFuture(Verdict.ALLOW);

  /**
   * Decides about {@code message}, the send as it would be stored (conversation resolved,
   * attachments checked, a forward's body copied).
   */
  CompletableFuture<Verdict> check(NewMessage message);

  /**
   * A hook's answer.
   *
   * @param action what happens to the send
   * @param text the reason of a {@code REJECT}, the new body of a {@code REPLACE}; else null
   */
  record Verdict(Action action, String text) {
    /** Let the send through unchanged. */
    public static final Verdict ALLOW = new Verdict(Action.ALLOW, null);

    public Verdict {
      Objects.requireNonNull(action, "action");
      if (action != Action.ALLOW) {
        Objects.requireNonNull(text, "text");
      }
    }

    /** What a verdict does. */
    public enum Action {
      ALLOW,
      REJECT,
      REPLACE
    }
  }
}
