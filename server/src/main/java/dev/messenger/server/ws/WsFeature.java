package dev.messenger.server.ws;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.Caller;
import dev.messenger.server.chat.ChatDomain;
import dev.messenger.server.chat.ChatSession;
import dev.messenger.server.chat.SessionLimits;
import dev.messenger.server.chat.SessionMetrics;
import dev.messenger.server.limits.RateLimits;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Wires the WebSocket edge: the endpoint, its transport bounds, and a factory of chat sessions with
 * their domain services, limits and rate gates. Part of the composition root.
 */
public final class WsFeature {
  private WsFeature() {}

  /**
   * @param authenticate a token to its caller (blocking; run on a worker), empty when not valid,
   *     throwing {@code forbidden} for a suspended user
   * @param originAllowed (Origin, Host) to whether an upgrade may proceed
   * @param workers the bounded worker pool
   */
  public static WsEndpoint open(
      Function<String, Optional<Caller>> authenticate,
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
        authenticate,
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
