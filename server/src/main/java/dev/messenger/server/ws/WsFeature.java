package dev.messenger.server.ws;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.server.chat.ChatDomain;
import dev.messenger.server.chat.ChatSession;
import dev.messenger.server.chat.SessionLimits;
import dev.messenger.server.chat.SessionMetrics;
import dev.messenger.server.limits.RateLimits;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;

/**
 * Wires the WebSocket edge: the endpoint, its transport bounds, and a factory of chat sessions with
 * their domain services, limits and rate gates. Part of the composition root.
 */
public final class WsFeature {
  private WsFeature() {}

  /**
   * @param originAllowed (Origin, Host) to whether an upgrade may proceed
   * @param workers the bounded worker pool
   */
  public static WsEndpoint open(
      Accounts accounts,
      ChatDomain domain,
      Executor workers,
      Timers timers,
      Clock clock,
      RateLimits rateLimits,
      SessionLimits sessionLimits,
      SessionMetrics metrics,
      BiPredicate<String, String> originAllowed,
      WsEndpoint.Bounds bounds) {
    return new WsEndpoint(
        accounts::authenticate,
        originAllowed,
        workers,
        bounds,
        (id, caller, out, serial, onEnd) ->
            new ChatSession(
                id,
                caller,
                out,
                serial,
                workers,
                domain,
                clock,
                timers,
                sessionLimits,
                rateLimits.gateFor(caller.deviceId()),
                metrics,
                onEnd));
  }
}
