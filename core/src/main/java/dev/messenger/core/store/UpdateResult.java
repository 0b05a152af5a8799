package dev.messenger.core.store;

import dev.messenger.core.model.Message;

/**
 * The outcome of an update: the stored update entry, or null when the change was a no-op that
 * stored nothing (PROTOCOL.md section 4, {@code updated} with {@code seq: null}); and the target
 * message in its state after the change.
 */
public record UpdateResult(Message entry, Message target) {

  /** True if nothing was stored. */
  public boolean noop() {
    return entry == null;
  }
}
