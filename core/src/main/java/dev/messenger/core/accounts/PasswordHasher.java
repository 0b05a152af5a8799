package dev.messenger.core.accounts;

/**
 * Hashes and verifies passwords (the edge plugs in Argon2id). Implementations are thread-safe and
 * slow on purpose: call them off the event loop.
 */
public interface PasswordHasher {
  /** A self-describing hash of {@code password} (algorithm, parameters and salt included). */
  String hash(String password);

  /** True if {@code password} matches {@code hash}; false for a malformed hash too. */
  boolean verify(String password, String hash);
}
