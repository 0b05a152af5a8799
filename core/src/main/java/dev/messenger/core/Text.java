package dev.messenger.core;

/** Checks on text as the protocol counts it: lengths in Unicode code points. */
public final class Text {
  private Text() {}

  /** Length of {@code s} in code points. */
  public static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * Returns {@code value} unless it holds a NUL character or a lone (unpaired) surrogate, which
   * cannot be stored and sent back exactly; then throws {@code bad_request} naming {@code field}.
   */
  public static String requireClean(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw MessengerException.badRequest(field + " must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw MessengerException.badRequest(field + " must not contain unpaired surrogates");
      }
      if (Character.isLowSurrogate(c)) {
        throw MessengerException.badRequest(field + " must not contain unpaired surrogates");
      }
    }
    return value;
  }

  /**
   * Returns {@code value} if it is clean ({@link #requireClean}) and its length is in [min, max]
   * code points, else throws {@code bad_request} naming {@code field}.
   */
  public static String requireLength(String field, String value, int min, int max) {
    if (value == null) {
      throw MessengerException.badRequest(field + " is required");
    }
    requireClean(field, value);
    int n = codePoints(value);
    if (n < min || n > max) {
      throw MessengerException.badRequest(
          field + " must be " + min + "-" + max + " characters long");
    }
    return value;
  }
}
