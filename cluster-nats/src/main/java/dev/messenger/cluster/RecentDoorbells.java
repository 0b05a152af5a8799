package dev.messenger.cluster;

import dev.messenger.core.bus.BusEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages and revocations this node published in the last {@link #WINDOW_MILLIS} ms, by
 * recipient user, so that they can be sent again to a node where the user's first connection
 * appears after they went out: that node's presence key may reach this node's mirror a little after
 * the connection's {@code ready}, and a doorbell routed in between would otherwise miss it.
 *
 * <p>Bounded: at most {@value #PER_USER} events per user and {@value #MAX_USERS} users; beyond,
 * events are not remembered (counted in {@link #notRemembered}; such a message still reaches the
 * session from the store at its next gap fill or {@code sync}). Thread-safe: each user's events
 * change only inside the map's per-key compute.
 */
final class RecentDoorbells {
  static final long WINDOW_MILLIS = 10_000;
  static final int PER_USER = 64;
  static final int MAX_USERS = 200_000;

  /** One remembered event; {@code routed} holds the nodes it was sent to (null: being routed). */
  private static final class Recent {
    final long at;
    final BusEvent event;
    volatile List<String> routed;

    Recent(long at, BusEvent event) {
      this.at = at;
      this.event = event;
    }
  }

  /** Handle of one remembered event, to record where it was routed. */
  interface Routed {
    void to(List<String> nodes);
  }

  private final Map<String, ArrayDeque<Recent>> byUser = new ConcurrentHashMap<>();
  private final AtomicLong notRemembered = new AtomicLong();

  /**
   * Remembers {@code event} for {@code user} (messages and revocations only) before it is routed;
   * the answer records where it went, so that a replay skips those nodes.
   */
  Routed remember(String u, BusEvent event, long now) {
    if (!Outbox.recoverable(event)) {
      return nodes -> {};
    }
    Recent r = new Recent(now, event);
    {
      byUser.compute(
          u,
          (k, q) -> {
            if (q == null) {
              if (byUser.size() >= MAX_USERS) {
                notRemembered.incrementAndGet();
                return null;
              }
              q = new ArrayDeque<>();
            }
            prune(q, now);
            if (q.size() >= PER_USER) {
              q.pollFirst();
            }
            q.addLast(r);
            return q;
          });
    }
    return nodes -> r.routed = nodes;
  }

  /**
   * The events remembered for {@code user} within the window that were not routed to {@code node},
   * oldest first.
   */
  List<BusEvent> of(String user, String node, long now) {
    List<BusEvent> events = new ArrayList<>();
    byUser.computeIfPresent(
        user,
        (k, q) -> {
          prune(q, now);
          for (Recent r : q) {
            List<String> routed = r.routed;
            if (routed == null || !routed.contains(node)) {
              events.add(r.event);
            }
          }
          return q.isEmpty() ? null : q;
        });
    return events;
  }

  /** Forgets users whose events all fell out of the window. */
  void sweep(long now) {
    for (String u : List.copyOf(byUser.keySet())) {
      byUser.computeIfPresent(
          u,
          (k, q) -> {
            prune(q, now);
            return q.isEmpty() ? null : q;
          });
    }
  }

  long notRemembered() {
    return notRemembered.get();
  }

  private static void prune(ArrayDeque<Recent> q, long now) {
    while (!q.isEmpty() && now - q.peekFirst().at > WINDOW_MILLIS) {
      q.pollFirst();
    }
  }
}
