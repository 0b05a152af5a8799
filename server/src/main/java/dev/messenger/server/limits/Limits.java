package dev.messenger.server.limits;

import java.util.Arrays;
import java.util.List;

/**
 * The abuse limits of a node, each a setting (README "Settings"). A rate of 0 means unlimited.
 * Immutable.
 *
 * @param sendsPerSecond sustained {@code send}s per device per second (bursts of twice that)
 * @param framesPerSecond sustained frames of any type per connection per second (burst 2x)
 * @param loginsPerMinutePerIp logins from one IP address per minute
 * @param loginsPerMinutePerUsername logins to one username per minute, from anywhere
 * @param registrationsPerMinutePerIp registrations from one IP address per minute
 * @param abuseStrikes rate-limited frames in one connection within 10 s before it is closed with
 *     4008
 * @param maxDevicesPerUser logged-in devices a user may have at once
 * @param maxConnectionsPerUser open WebSockets a user may have at once on this node
 * @param maxContactsPerUser entries in a user's contact list
 * @param allowedOrigins origins (e.g. {@code https://chat.example.com}) whose pages may open a
 *     WebSocket or call the API from a browser, besides the node's own; {@code *} allows any
 */
public record Limits(
    int sendsPerSecond,
    int framesPerSecond,
    int loginsPerMinutePerIp,
    int loginsPerMinutePerUsername,
    int registrationsPerMinutePerIp,
    int abuseStrikes,
    int maxDevicesPerUser,
    int maxConnectionsPerUser,
    int maxContactsPerUser,
    List<String> allowedOrigins) {

  public Limits {
    for (int v :
        new int[] {
          sendsPerSecond,
          framesPerSecond,
          loginsPerMinutePerIp,
          loginsPerMinutePerUsername,
          registrationsPerMinutePerIp,
          abuseStrikes
        }) {
      if (v < 0) {
        throw new IllegalArgumentException("rate limits must be >= 0 (0 = unlimited)");
      }
    }
    if (maxDevicesPerUser < 1 || maxConnectionsPerUser < 1 || maxContactsPerUser < 1) {
      throw new IllegalArgumentException("max-devices, max-connections, max-contacts must be >= 1");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** Defaults for a public node. */
  public static Limits defaults() {
    return new Limits(20, 50, 30, 10, 10, 50, 20, 20, 1000, List.of());
  }

  /** Parses a comma-separated origins setting; blank gives the empty list. */
  public static List<String> origins(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public Limits withRates(int sends, int frames, int loginsIp, int loginsUser, int registrations) {
    return new Limits(
        sends,
        frames,
        loginsIp,
        loginsUser,
        registrations,
        abuseStrikes,
        maxDevicesPerUser,
        maxConnectionsPerUser,
        maxContactsPerUser,
        allowedOrigins);
  }

  public Limits withCaps(int devices, int connections, int contacts) {
    return new Limits(
        sendsPerSecond,
        framesPerSecond,
        loginsPerMinutePerIp,
        loginsPerMinutePerUsername,
        registrationsPerMinutePerIp,
        abuseStrikes,
        devices,
        connections,
        contacts,
        allowedOrigins);
  }

  public Limits withAllowedOrigins(List<String> origins) {
    return new Limits(
        sendsPerSecond,
        framesPerSecond,
        loginsPerMinutePerIp,
        loginsPerMinutePerUsername,
        registrationsPerMinutePerIp,
        abuseStrikes,
        maxDevicesPerUser,
        maxConnectionsPerUser,
        maxContactsPerUser,
        origins);
  }
}
