package dev.messenger.core;

/** Checks on text as the protocol counts it: lengths in Unicode code points. */
public final class Text {
  private Text() {}

  /** Length of {@code s} in code points. */
  public static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * Returns {@code value} if its length is in [min, max] code points, else throws {@code
   * bad_request} naming {@code field}.
   */
  public static String requireLength(String field, String value, int min, int max) {
    if (value == null) {
      throw MessengerException.badRequest(field + " is required");
    }
    int n = codePoints(value);
    if (n < min || n > max) {
      throw MessengerException.badRequest(
          field + " must be " + min + "-" + max + " characters long");
    }
    return value;
  }
}
