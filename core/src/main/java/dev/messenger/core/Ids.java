package dev.messenger.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes opaque ids (PROTOCOL.md: at most 64 characters, never parsed by clients) and secret tokens.
 * Thread-safe.
 */
public final class Ids {
  /** Longest id in characters (PROTOCOL.md); a longer one names nothing. */
  public static final int MAX_LENGTH = 64;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** A new id: the prefix, an underscore and 96 random bits in base64url (16 characters). */
  public static String newId(String prefix) {
    return prefix + "_" + randomBase64(12);
  }

  /** A new secret: {@code bytes} random bytes in base64url without padding. */
  public static String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }
}
