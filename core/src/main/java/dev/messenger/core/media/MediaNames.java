package dev.messenger.core.media;

import dev.messenger.core.MessengerException;
import java.text.Normalizer;

/**
 * The rules for the file name an upload may carry (PROTOCOL.md "Media", {@code name}): after NFC
 * normalization and trimming, 1 to {@value #MAX_CODE_POINTS} code points and at most {@value
 * #MAX_UTF8_BYTES} UTF-8 bytes; no control characters, no bidirectional overrides (they disguise
 * {@code gpj.exe} as {@code exe.jpg}), no {@code /} or {@code \}, and not {@code .} or {@code ..}.
 * A name is a label for people and downloads, never a path. Stateless and thread-safe.
 */
public final class MediaNames {
  /** Longest name in code points. */
  public static final int MAX_CODE_POINTS = 255;

  /** Longest name in UTF-8 bytes (what most file systems allow). */
  public static final int MAX_UTF8_BYTES = 1020;

  private MediaNames() {}

  /**
   * The checked, normalized name; null if {@code raw} is null or blank (no name).
   *
   * @throws MessengerException {@code bad_request} naming what is wrong
   */
  public static String check(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS
        || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
      throw MessengerException.badRequest("name: at most " + MAX_CODE_POINTS + " characters");
    }
    if (name.equals(".") || name.equals("..")) {
      throw MessengerException.badRequest("name: not a file name");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '/' || cp == '\\') {
        throw MessengerException.badRequest("name: no / or \\ (a name, not a path)");
      }
      if (Character.getType(cp) == Character.CONTROL
          || (cp >= 0x202A && cp <= 0x202E)
          || (cp >= 0x2066 && cp <= 0x2069)
          || cp == 0x200E
          || cp == 0x200F
          || Character.getType(cp) == Character.SURROGATE
          || cp == 0xFFFD) {
        throw MessengerException.badRequest(
            "name: no control or direction characters (U+" + Integer.toHexString(cp) + ")");
      }
    }
    return name;
  }
}
