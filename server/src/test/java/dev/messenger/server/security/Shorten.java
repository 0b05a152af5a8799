package dev.messenger.server.security;

/** Clips long strings for assertion messages. */
final class Shorten {
  private Shorten() {}

  static String of(String s, int max) {
    if (s == null) {
      return "null";
    }
    return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
  }
}
