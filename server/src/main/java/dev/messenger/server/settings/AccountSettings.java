package dev.messenger.server.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Accounts: password hashing cost, session lifetime, external sign-in with JWTs and the admin API
 * keys (PROTOCOL.md section 8). Immutable; validated on construction; {@link #toString()} masks the
 * secrets.
 *
 * @param argon2MemoryKib memory cost in KiB ({@link #ARGON2_MEMORY_KIB})
 * @param argon2Iterations time cost ({@link #ARGON2_ITERATIONS})
 * @param sessionIdleTimeout a token unused this long stops working ({@link #SESSION_IDLE_TIMEOUT})
 * @param jwtSecret the HS256 key, as UTF-8 bytes; empty: HS256 tokens are refused ({@link
 *     #AUTH_JWT_SECRET})
 * @param jwksUrl where RS256 and ES256 keys are fetched; empty: none ({@link #AUTH_JWT_JWKS_URL})
 * @param jwtIssuer the {@code iss} a token must have; empty: any ({@link #AUTH_JWT_ISSUER})
 * @param jwtAudience the {@code aud} a token must hold; empty: any ({@link #AUTH_JWT_AUDIENCE})
 * @param adminApiKeys comma-separated keys of the admin API; empty: the admin API is off ({@link
 *     #ADMIN_API_KEYS})
 */
public record AccountSettings(
    int argon2MemoryKib,
    int argon2Iterations,
    Duration sessionIdleTimeout,
    Secret jwtSecret,
    String jwksUrl,
    String jwtIssuer,
    String jwtAudience,
    Secret adminApiKeys) {

  /** Shortest admin API key, in characters (PROTOCOL.md section 8). */
  public static final int MIN_ADMIN_KEY_CHARS = 32;

  /** Shortest HS256 secret in UTF-8 bytes: 256 bits, as RFC 7518 section 3.2 requires. */
  public static final int MIN_JWT_SECRET_BYTES = 32;

  public static final Setting<Integer> ARGON2_MEMORY_KIB =
      Setting.integer(
          "argon2-memory-kib",
          15 * 1024,
          8,
          4_194_304,
          s -> s.accounts().argon2MemoryKib(),
          "Argon2id memory cost for password hashes, in KiB (parallelism 1)");

  public static final Setting<Integer> ARGON2_ITERATIONS =
      Setting.integer(
          "argon2-iterations",
          2,
          1,
          100,
          s -> s.accounts().argon2Iterations(),
          "Argon2id time cost");

  public static final Setting<Duration> SESSION_IDLE_TIMEOUT =
      Setting.duration(
          "session-idle-timeout",
          Duration.ofDays(90),
          Duration.ofSeconds(1),
          s -> s.accounts().sessionIdleTimeout(),
          "a token not used for this long (no request, no open WebSocket) stops working (401)");

  public static final Setting<Secret> AUTH_JWT_SECRET =
      Setting.secret(
              "auth-jwt-secret",
              s -> s.accounts().jwtSecret(),
              "HS256 key for external sign-in with JWTs: its UTF-8 bytes, at least 32; empty:"
                  + " HS256 tokens are refused")
          .where(
              v ->
                  v.isEmpty()
                      || v.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                          >= MIN_JWT_SECRET_BYTES,
              "at least 32 bytes");

  public static final Setting<String> AUTH_JWT_JWKS_URL =
      Setting.text(
              "auth-jwt-jwks-url",
              "",
              s -> s.accounts().jwksUrl(),
              "JWKS URL whose RS256 and ES256 keys sign external sign-in tokens (cached, fetched"
                  + " again for an unknown `kid`); empty: none")
          .where(v -> v.isBlank() || v.strip().matches("(?i)https?://.+"), "an http(s) URL");

  public static final Setting<String> AUTH_JWT_ISSUER =
      Setting.text(
          "auth-jwt-issuer",
          "",
          s -> s.accounts().jwtIssuer(),
          "the `iss` an external sign-in token must have; empty: any");

  public static final Setting<String> AUTH_JWT_AUDIENCE =
      Setting.text(
          "auth-jwt-audience",
          "",
          s -> s.accounts().jwtAudience(),
          "the `aud` an external sign-in token must hold; empty: any");

  public static final Setting<Secret> ADMIN_API_KEYS =
      Setting.secret(
              "admin-api-keys",
              s -> s.accounts().adminApiKeys(),
              "comma-separated keys (each at least 32 characters) for `/api/v1/admin/`; empty:"
                  + " the admin API answers 401")
          .where(
              v -> keys(v).stream().allMatch(k -> k.length() >= MIN_ADMIN_KEY_CHARS),
              "keys of at least 32 characters each");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          ARGON2_MEMORY_KIB,
          ARGON2_ITERATIONS,
          SESSION_IDLE_TIMEOUT,
          AUTH_JWT_SECRET,
          AUTH_JWT_JWKS_URL,
          AUTH_JWT_ISSUER,
          AUTH_JWT_AUDIENCE,
          ADMIN_API_KEYS);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public AccountSettings {
    ARGON2_MEMORY_KIB.check(argon2MemoryKib);
    ARGON2_ITERATIONS.check(argon2Iterations);
    SESSION_IDLE_TIMEOUT.check(sessionIdleTimeout);
    AUTH_JWT_SECRET.check(jwtSecret);
    jwksUrl = AUTH_JWT_JWKS_URL.check(jwksUrl).strip();
    jwtIssuer = AUTH_JWT_ISSUER.check(jwtIssuer).strip();
    jwtAudience = AUTH_JWT_AUDIENCE.check(jwtAudience).strip();
    ADMIN_API_KEYS.check(adminApiKeys);
    if (!jwksUrl.isEmpty()) {
      URI.create(jwksUrl);
    }
  }

  /** The admin API keys, blank items dropped. */
  public List<String> adminKeys() {
    return keys(adminApiKeys);
  }

  /** True if external sign-in with JWTs is configured (a secret or a JWKS URL). */
  public boolean jwtEnabled() {
    return !jwtSecret.isEmpty() || !jwksUrl.isEmpty();
  }

  private static List<String> keys(Secret s) {
    return Arrays.stream(s.reveal().split(","))
        .map(String::strip)
        .filter(k -> !k.isEmpty())
        .toList();
  }

  static AccountSettings from(Settings.Builder b) {
    return new AccountSettings(
        b.get(ARGON2_MEMORY_KIB),
        b.get(ARGON2_ITERATIONS),
        b.get(SESSION_IDLE_TIMEOUT),
        b.get(AUTH_JWT_SECRET),
        b.get(AUTH_JWT_JWKS_URL),
        b.get(AUTH_JWT_ISSUER),
        b.get(AUTH_JWT_AUDIENCE),
        b.get(ADMIN_API_KEYS));
  }
}
