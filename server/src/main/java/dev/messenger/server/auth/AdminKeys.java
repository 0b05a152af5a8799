package dev.messenger.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The admin API keys (setting {@code admin-api-keys}, PROTOCOL.md section 8). A presented key is
 * compared with every configured key in time independent of its content: both sides are hashed with
 * SHA-256 (so lengths do not show) and compared with {@link MessageDigest#isEqual}, and the loop
 * never stops early. Keys are never logged or shown. Immutable and thread-safe.
 */
public final class AdminKeys {
  private final List<byte[]> digests;

  /**
   * @param keys the configured keys; none: every key is refused
   */
  public AdminKeys(List<String> keys) {
    this.digests = keys.stream().map(AdminKeys::sha256).toList();
  }

  /** True if {@code presented} is one of the keys. */
  public boolean matches(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 1024) {
      return false;
    }
    byte[] d = sha256(presented);
    boolean match = false;
    for (byte[] k : digests) {
      match |= MessageDigest.isEqual(k, d);
    }
    return match;
  }

  /** True if at least one key is configured. */
  public boolean enabled() {
    return !digests.isEmpty();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "AdminKeys[" + digests.size() + " keys]";
  }
}
