package dev.messenger.server.settings;

import java.time.Duration;
import java.util.List;

/**
 * How a WebSocket connection is kept: idle timeout and outbound queue. Immutable; validated on
 * construction.
 *
 * @param idleTimeout a connection that sends nothing this long is closed ({@link #IDLE_TIMEOUT})
 * @param maxOutboundBytes bytes queued to one WebSocket before it is closed as a slow consumer
 *     ({@link #MAX_OUTBOUND_BYTES})
 * @param maxFramesInFlight frames of one connection waiting for the worker pool; more get {@code
 *     rate_limited} ({@link #MAX_FRAMES_IN_FLIGHT})
 * @param maxSendsInFlight sends of one connection waiting for their commit; more get {@code
 *     rate_limited} ({@link #MAX_SENDS_IN_FLIGHT})
 */
public record ConnectionSettings(
    Duration idleTimeout, int maxOutboundBytes, int maxFramesInFlight, int maxSendsInFlight) {

  public static final Setting<Duration> IDLE_TIMEOUT =
      Setting.duration(
          "idle-timeout",
          Duration.ofSeconds(60),
          Duration.ofMillis(1),
          s -> s.connections().idleTimeout(),
          "a connection silent this long is closed with 1000 (clients ping every 25 s)");

  public static final Setting<Integer> MAX_OUTBOUND_BYTES =
      Setting.integer(
          "max-outbound-bytes",
          4 * 1024 * 1024,
          64 * 1024,
          1 << 30,
          s -> s.connections().maxOutboundBytes(),
          "outbound bytes queued to one socket before it is closed (1008) as a slow consumer");

  public static final Setting<Integer> MAX_FRAMES_IN_FLIGHT =
      Setting.integer(
          "max-frames-in-flight",
          1024,
          1,
          1_000_000,
          s -> s.connections().maxFramesInFlight(),
          "frames of one connection waiting for a worker; more are answered rate_limited");

  public static final Setting<Integer> MAX_SENDS_IN_FLIGHT =
      Setting.integer(
          "max-sends-in-flight",
          1024,
          1,
          1_000_000,
          s -> s.connections().maxSendsInFlight(),
          "sends of one connection waiting for their commit; more are answered rate_limited");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(IDLE_TIMEOUT, MAX_OUTBOUND_BYTES, MAX_FRAMES_IN_FLIGHT, MAX_SENDS_IN_FLIGHT);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public ConnectionSettings {
    IDLE_TIMEOUT.check(idleTimeout);
    MAX_OUTBOUND_BYTES.check(maxOutboundBytes);
    MAX_FRAMES_IN_FLIGHT.check(maxFramesInFlight);
    MAX_SENDS_IN_FLIGHT.check(maxSendsInFlight);
  }

  static ConnectionSettings from(Settings.Builder b) {
    return new ConnectionSettings(
        b.get(IDLE_TIMEOUT),
        b.get(MAX_OUTBOUND_BYTES),
        b.get(MAX_FRAMES_IN_FLIGHT),
        b.get(MAX_SENDS_IN_FLIGHT));
  }
}
