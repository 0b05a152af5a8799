package dev.messenger.server.settings;

import java.util.Locale;

/**
 * Where media bytes live (setting {@code media-store}). Written in settings as the lower-case name,
 * e.g. {@code file}.
 */
public enum MediaStoreKind {
  /** Files under {@code data-dir/media}. */
  FILE,

  /** An S3-compatible object store. */
  S3;

  /** The name as written in settings and logs. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
