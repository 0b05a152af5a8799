package dev.messenger.server;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.messenger.core.accounts.PasswordHasher;

/**
 * Argon2id password hashing with password4j. The memory cost is a setting ({@code
 * argon2-memory-kib}, default 15 MiB as OWASP's minimum with t=2, p=1); tests lower it to keep
 * registration fast. Thread-safe.
 */
public final class Argon2Hasher implements PasswordHasher {
  private final Argon2Function function;

  /**
   * @param memoryKib memory cost in KiB
   * @param iterations time cost
   */
  public Argon2Hasher(int memoryKib, int iterations) {
    this.function = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
  }

  @Override
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(function).getResult();
  }

  @Override
  public boolean verify(String password, String hash) {
    try {
      // Verify with the parameters recorded in the hash, so a changed setting keeps old hashes
      // valid.
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
