package dev.messenger.server.settings;

import java.util.Locale;

/**
 * How log lines look on standard error (setting {@code log-format}). Written in settings as the
 * lower-case name, e.g. {@code text}.
 */
public enum LogFormat {
  /** One human-readable line per event. */
  TEXT,

  /** One JSON object per line. */
  JSON;

  /** The name as written in settings and logs. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
