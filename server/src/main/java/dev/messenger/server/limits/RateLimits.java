package dev.messenger.server.limits;

import dev.messenger.server.chat.FloodGate;
import dev.messenger.server.settings.LimitSettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) for everything the {@link LimitSettings} rate: one bucket per key
 * (device, IP address, username), made on first use. {@link #evictIdle()} drops buckets that are
 * full again, so the maps hold only recently active keys. Thread-safe.
 */
public final class RateLimits {
  private final LimitSettings limits;
  private final Map<String, Bucket> sends = new ConcurrentHashMap<>();
  private final Map<String, Bucket> loginsByIp = new ConcurrentHashMap<>();
  private final Map<String, Bucket> loginsByUser = new ConcurrentHashMap<>();
  private final Map<String, Bucket> registrationsByIp = new ConcurrentHashMap<>();

  public RateLimits(LimitSettings limits) {
    this.limits = limits;
  }

  public LimitSettings limits() {
    return limits;
  }

  /** Takes one send of a device; throws {@link RateLimited} if its bucket is empty. */
  public void send(String deviceId) {
    take(sends, deviceId, limits.sendsPerSecond(), Duration.ofSeconds(1), 2, "too many messages");
  }

  /** Takes one login attempt from an IP address for a username. */
  public void login(String ip, String username) {
    take(
        loginsByIp, ip, limits.loginsPerMinutePerIp(), Duration.ofMinutes(1), 1, "too many logins");
    take(
        loginsByUser,
        String.valueOf(username).toLowerCase(java.util.Locale.ROOT),
        limits.loginsPerMinutePerUsername(),
        Duration.ofMinutes(1),
        1,
        "too many logins for this username");
  }

  /** Takes one registration from an IP address. */
  public void register(String ip) {
    take(
        registrationsByIp,
        ip,
        limits.registrationsPerMinutePerIp(),
        Duration.ofMinutes(1),
        1,
        "too many registrations");
  }

  /** A fresh per-connection bucket for frames of any type, or null when unlimited. */
  public Bucket newFrameBucket() {
    return limits.framesPerSecond() == 0
        ? null
        : bucket(limits.framesPerSecond(), Duration.ofSeconds(1), 2);
  }

  /**
   * The rate limits of one connection of {@code deviceId}: a fresh frame bucket for the connection,
   * and the device's shared send bucket.
   */
  public FloodGate gateFor(String deviceId) {
    Bucket frames = newFrameBucket();
    return new FloodGate() {
      @Override
      public boolean tryFrame() {
        return frames == null || frames.tryConsume(1);
      }

      @Override
      public boolean trySend() {
        try {
          send(deviceId);
          return true;
        } catch (RateLimited e) {
          return false;
        }
      }
    };
  }

  /** Drops buckets that have refilled completely: their keys were idle. */
  public void evictIdle() {
    evict(sends, 2L * limits.sendsPerSecond());
    evict(loginsByIp, limits.loginsPerMinutePerIp());
    evict(loginsByUser, limits.loginsPerMinutePerUsername());
    evict(registrationsByIp, limits.registrationsPerMinutePerIp());
  }

  private static void evict(Map<String, Bucket> map, long capacity) {
    map.values().removeIf(b -> b.getAvailableTokens() >= capacity);
  }

  private static void take(
      Map<String, Bucket> map,
      String key,
      int perPeriod,
      Duration period,
      int burst,
      String message) {
    if (perPeriod == 0) {
      return;
    }
    Bucket b = map.computeIfAbsent(key, k -> bucket(perPeriod, period, burst));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
    if (!p.isConsumed()) {
      throw new RateLimited(message, (p.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
  }

  /** {@code perPeriod} sustained, bursts of {@code burst} times that. */
  static Bucket bucket(int perPeriod, Duration period, int burst) {
    return Bucket.builder()
        .addLimit(l -> l.capacity((long) burst * perPeriod).refillGreedy(perPeriod, period))
        .build();
  }
}
