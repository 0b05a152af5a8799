package dev.messenger.server.settings;

import java.util.Locale;

/**
 * Where a node keeps users, conversations and messages (setting {@code store}). Written in settings
 * as the lower-case name, e.g. {@code sqlite}.
 */
public enum StoreKind {
  /** SQLite in {@code data-dir}: one node. */
  SQLITE,

  /** PostgreSQL at {@code postgres-url}: one node or a cluster. */
  POSTGRES;

  /** The name as written in settings and logs. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
