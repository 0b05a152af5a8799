package dev.messenger.server.settings;

import java.util.List;
import java.util.function.Function;

/**
 * The abuse limits of a node: rates, per-user caps and allowed origins. A rate of 0 means
 * unlimited. Immutable; validated on construction.
 *
 * @param sendsPerSecond sustained {@code send}s per device per second, bursts of twice that ({@link
 *     #RATE_SENDS})
 * @param framesPerSecond sustained frames of any type per connection per second, bursts of twice
 *     that ({@link #RATE_FRAMES})
 * @param loginsPerMinutePerIp logins from one IP address per minute ({@link #RATE_LOGINS_IP})
 * @param loginsPerMinutePerUsername logins to one username per minute, from anywhere ({@link
 *     #RATE_LOGINS_USER})
 * @param registrationsPerMinutePerIp registrations from one IP address per minute ({@link
 *     #RATE_REGISTRATIONS_IP})
 * @param abuseStrikes rate-limited frames in one connection within 10 s before it is closed with
 *     4008 ({@link #ABUSE_STRIKES})
 * @param maxDevicesPerUser logged-in devices a user may have at once ({@link
 *     #MAX_DEVICES_PER_USER})
 * @param maxConnectionsPerUser open WebSockets a user may have at once on this node ({@link
 *     #MAX_CONNECTIONS_PER_USER})
 * @param maxContactsPerUser entries in a user's contact list ({@link #MAX_CONTACTS_PER_USER})
 * @param allowedOrigins origins (e.g. {@code https://chat.example.com}) whose pages may open a
 *     WebSocket or call the API from a browser, besides the node's own; {@code *} allows any
 *     ({@link #ALLOWED_ORIGINS})
 */
public record LimitSettings(
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

  public static final Setting<Integer> RATE_SENDS =
      rate(
          "rate-sends",
          20,
          s -> s.limits().sendsPerSecond(),
          "`send` frames per device per second, bursts of twice that (0: no limit)");

  public static final Setting<Integer> RATE_FRAMES =
      rate(
          "rate-frames",
          50,
          s -> s.limits().framesPerSecond(),
          "frames of any type per connection per second, bursts of twice that (0: no limit)");

  public static final Setting<Integer> RATE_LOGINS_IP =
      rate(
          "rate-logins-ip",
          30,
          s -> s.limits().loginsPerMinutePerIp(),
          "logins per minute per IP address (0: no limit)");

  public static final Setting<Integer> RATE_LOGINS_USER =
      rate(
          "rate-logins-user",
          10,
          s -> s.limits().loginsPerMinutePerUsername(),
          "logins per minute per username (0: no limit)");

  public static final Setting<Integer> RATE_REGISTRATIONS_IP =
      rate(
          "rate-registrations-ip",
          10,
          s -> s.limits().registrationsPerMinutePerIp(),
          "registrations per minute per IP address (0: no limit)");

  public static final Setting<Integer> ABUSE_STRIKES =
      rate(
          "abuse-strikes",
          50,
          s -> s.limits().abuseStrikes(),
          "rate-limited frames within 10 s before the connection is closed with 4008");

  public static final Setting<Integer> MAX_DEVICES_PER_USER =
      cap(
          "max-devices-per-user",
          20,
          s -> s.limits().maxDevicesPerUser(),
          "logged-in devices per user (one more login: 409)");

  public static final Setting<Integer> MAX_CONNECTIONS_PER_USER =
      cap(
          "max-connections-per-user",
          20,
          s -> s.limits().maxConnectionsPerUser(),
          "open WebSockets per user on one node (one more upgrade: 429)");

  public static final Setting<Integer> MAX_CONTACTS_PER_USER =
      cap(
          "max-contacts-per-user",
          1000,
          s -> s.limits().maxContactsPerUser(),
          "contacts per user (one more: 413)");

  public static final Setting<List<String>> ALLOWED_ORIGINS =
      Setting.list(
          "allowed-origins",
          s -> s.limits().allowedOrigins(),
          "origins whose pages may use the API and WebSocket besides the node's own"
              + " (comma-separated; `*` for any)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          RATE_SENDS,
          RATE_FRAMES,
          RATE_LOGINS_IP,
          RATE_LOGINS_USER,
          RATE_REGISTRATIONS_IP,
          ABUSE_STRIKES,
          MAX_DEVICES_PER_USER,
          MAX_CONNECTIONS_PER_USER,
          MAX_CONTACTS_PER_USER,
          ALLOWED_ORIGINS);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public LimitSettings {
    RATE_SENDS.check(sendsPerSecond);
    RATE_FRAMES.check(framesPerSecond);
    RATE_LOGINS_IP.check(loginsPerMinutePerIp);
    RATE_LOGINS_USER.check(loginsPerMinutePerUsername);
    RATE_REGISTRATIONS_IP.check(registrationsPerMinutePerIp);
    ABUSE_STRIKES.check(abuseStrikes);
    MAX_DEVICES_PER_USER.check(maxDevicesPerUser);
    MAX_CONNECTIONS_PER_USER.check(maxConnectionsPerUser);
    MAX_CONTACTS_PER_USER.check(maxContactsPerUser);
    allowedOrigins = List.copyOf(ALLOWED_ORIGINS.check(allowedOrigins));
  }

  static LimitSettings from(Settings.Builder b) {
    return new LimitSettings(
        b.get(RATE_SENDS),
        b.get(RATE_FRAMES),
        b.get(RATE_LOGINS_IP),
        b.get(RATE_LOGINS_USER),
        b.get(RATE_REGISTRATIONS_IP),
        b.get(ABUSE_STRIKES),
        b.get(MAX_DEVICES_PER_USER),
        b.get(MAX_CONNECTIONS_PER_USER),
        b.get(MAX_CONTACTS_PER_USER),
        b.get(ALLOWED_ORIGINS));
  }

  private static Setting<Integer> rate(
      String name, int dflt, Function<Settings, Integer> read, String help) {
    return Setting.integer(name, dflt, 0, Integer.MAX_VALUE, read, help);
  }

  private static Setting<Integer> cap(
      String name, int dflt, Function<Settings, Integer> read, String help) {
    return Setting.integer(name, dflt, 1, Integer.MAX_VALUE, read, help);
  }
}
