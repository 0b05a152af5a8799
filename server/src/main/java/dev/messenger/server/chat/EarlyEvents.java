package dev.messenger.server.chat;

import dev.messenger.core.bus.BusEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Bus events that reach a session before its {@code ready} was sent, held so that they follow
 * {@code ready} (PROTOCOL.md 3: {@code ready} is the first frame). Bounded at {@code limit};
 * overflow action: later events are dropped and {@link #overflowed()} tells the session to read the
 * store once {@code ready} is out. Not thread-safe: the session's serial executor only.
 */
final class EarlyEvents {
  private final int limit;
  private List<BusEvent> held = new ArrayList<>();
  private boolean overflowed;

  EarlyEvents(int limit) {
    this.limit = limit;
  }

  /** True while {@code ready} has not been sent: the event is held (or dropped when full). */
  boolean hold(BusEvent e) {
    if (held == null) {
      return false;
    }
    if (held.size() < limit) {
      held.add(e);
    } else {
      overflowed = true;
    }
    return true;
  }

  /** {@code ready} was sent: returns the held events, in arrival order, and holds no more. */
  List<BusEvent> release() {
    List<BusEvent> out = held == null ? List.of() : held;
    held = null;
    return out;
  }

  /** True once {@link #release()} was called. */
  boolean released() {
    return held == null;
  }

  /** True if events were dropped for want of room. */
  boolean overflowed() {
    return overflowed;
  }
}
