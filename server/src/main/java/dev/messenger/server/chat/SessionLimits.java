package dev.messenger.server.chat;

import java.time.Duration;

/**
 * The bounds of one chat session, each with its overflow action.
 *
 * @param maxQueuedFrames frames of one connection waiting for, or running on, the worker pool;
 *     full: the frame is answered {@code rate_limited}
 * @param maxSendsInFlight sends of one connection not yet answered (waiting for their commit);
 *     full: the send is answered {@code rate_limited}
 * @param maxEarlyEvents bus events that arrive before {@code ready} is sent; full: later ones are
 *     dropped and every conversation is re-read from the store once {@code ready} is out
 * @param maxParkedPerConversation doorbells parked behind one conversation's gap fill; full:
 *     dropped, and the fill continues from the store past the last parked one
 * @param maxPresenceSubscriptions users one connection watches; more: {@code too_large}
 * @param abuseStrikes rate-limited frames within {@link #strikeWindow} before closing with 4008 (0:
 *     never close)
 * @param strikeWindow the window {@code abuseStrikes} are counted in
 */
public record SessionLimits(
    int maxQueuedFrames,
    int maxSendsInFlight,
    int maxEarlyEvents,
    int maxParkedPerConversation,
    int maxPresenceSubscriptions,
    int abuseStrikes,
    Duration strikeWindow) {

  /**
   * @throws IllegalArgumentException if a bound is below 1 or {@code abuseStrikes} negative
   */
  public SessionLimits {
    if (maxQueuedFrames < 1
        || maxSendsInFlight < 1
        || maxEarlyEvents < 1
        || maxParkedPerConversation < 1
        || maxPresenceSubscriptions < 1
        || abuseStrikes < 0) {
      throw new IllegalArgumentException("session limits must be >= 1");
    }
  }

  /**
   * The defaults: 1,024 queued frames, 1,024 sends in flight, 1,024 early events, 1,024 parked
   * doorbells per conversation, 2,000 watched users, a 10 s strike window.
   */
  public static SessionLimits defaults(int abuseStrikes) {
    return new SessionLimits(1024, 1024, 1024, 1024, 2000, abuseStrikes, Duration.ofSeconds(10));
  }

  /** A copy with other in-flight bounds. */
  public SessionLimits withInFlight(int maxQueuedFrames, int maxSendsInFlight) {
    return new SessionLimits(
        maxQueuedFrames,
        maxSendsInFlight,
        maxEarlyEvents,
        maxParkedPerConversation,
        maxPresenceSubscriptions,
        abuseStrikes,
        strikeWindow);
  }
}
