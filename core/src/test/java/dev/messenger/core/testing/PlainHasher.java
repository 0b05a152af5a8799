package dev.messenger.core.testing;

import dev.messenger.core.accounts.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fast {@link PasswordHasher} for tests only: {@code "plain:" + sha256hex(password)}, no salt.
 * Never use it outside tests. Thread-safe.
 */
public final class PlainHasher implements PasswordHasher {
  private static final String PREFIX = "plain:";

  @Override
  public String hash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean verify(String password, String hash) {
    return password != null
        && hash != null
        && hash.startsWith(PREFIX)
        && hash.equals(hash(password));
  }
}
