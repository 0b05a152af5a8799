package dev.messenger.server.settings;

import java.util.List;

/**
 * How passwords are hashed (Argon2id, parallelism 1). Immutable; validated on construction.
 *
 * @param argon2MemoryKib memory cost in KiB ({@link #ARGON2_MEMORY_KIB})
 * @param argon2Iterations time cost ({@link #ARGON2_ITERATIONS})
 */
public record AccountSettings(int argon2MemoryKib, int argon2Iterations) {

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

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS = List.of(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public AccountSettings {
    ARGON2_MEMORY_KIB.check(argon2MemoryKib);
    ARGON2_ITERATIONS.check(argon2Iterations);
  }

  static AccountSettings from(Settings.Builder b) {
    return new AccountSettings(b.get(ARGON2_MEMORY_KIB), b.get(ARGON2_ITERATIONS));
  }
}
