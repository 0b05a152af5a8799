package dev.messenger.server.settings;

import java.time.Duration;
import java.util.List;

/**
 * Where users, conversations and messages are stored, and how writes are batched. Immutable;
 * validated on construction; {@link #toString()} masks the password.
 *
 * @param kind SQLite or PostgreSQL ({@link #KIND})
 * @param postgresUrl JDBC URL of PostgreSQL ({@link #POSTGRES_URL})
 * @param postgresUser PostgreSQL user ({@link #POSTGRES_USER})
 * @param postgresPassword PostgreSQL password ({@link #POSTGRES_PASSWORD})
 * @param maxBatch most writes in one group-commit transaction ({@link #MAX_BATCH})
 * @param commitDelay how long a batch under concurrent load waits for more writes ({@link
 *     #COMMIT_DELAY})
 */
public record StoreSettings(
    StoreKind kind,
    String postgresUrl,
    String postgresUser,
    Secret postgresPassword,
    int maxBatch,
    Duration commitDelay) {

  public static final Setting<StoreKind> KIND =
      Setting.choice(
          "store",
          StoreKind.SQLITE,
          s -> s.store().kind(),
          "`sqlite` (in `data-dir`, one node), or `postgres` (one node or a cluster)");

  public static final Setting<String> POSTGRES_URL =
      Setting.text(
          "postgres-url",
          "jdbc:postgresql://127.0.0.1:5432/messenger",
          s -> s.store().postgresUrl(),
          "JDBC URL of the PostgreSQL store");

  public static final Setting<String> POSTGRES_USER =
      Setting.text("postgres-user", "postgres", s -> s.store().postgresUser(), "PostgreSQL user");

  public static final Setting<Secret> POSTGRES_PASSWORD =
      Setting.secret("postgres-password", s -> s.store().postgresPassword(), "PostgreSQL password");

  /** The default {@link #COMMIT_DELAY}, in ms. */
  static final long COMMIT_DELAY_DEFAULT_MILLIS = 2;

  public static final Setting<Integer> MAX_BATCH =
      Setting.integer(
          "max-batch",
          512,
          1,
          100_000,
          s -> s.store().maxBatch(),
          "most writes sharing one transaction and fsync (group commit)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final Setting<Duration> COMMIT_DELAY =
      Setting.duration(
          "commit-delay",
          Duration.ofMillis(COMMIT_DELAY_DEFAULT_MILLIS),
          Duration.ZERO,
          s -> s.store().commitDelay(),
          "how long a group commit under concurrent load waits for more writes (fewer fsyncs)");

  public static final List<Setting<?>> SETTINGS =
      List.of(KIND, POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, MAX_BATCH, COMMIT_DELAY);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public StoreSettings {
    KIND.check(kind);
    POSTGRES_URL.check(postgresUrl);
    POSTGRES_USER.check(postgresUser);
    POSTGRES_PASSWORD.check(postgresPassword);
    MAX_BATCH.check(maxBatch);
    COMMIT_DELAY.check(commitDelay);
  }

  static StoreSettings from(Settings.Builder b) {
    return new StoreSettings(
        b.get(KIND),
        b.get(POSTGRES_URL),
        b.get(POSTGRES_USER),
        b.get(POSTGRES_PASSWORD),
        b.get(MAX_BATCH),
        b.get(COMMIT_DELAY));
  }
}
