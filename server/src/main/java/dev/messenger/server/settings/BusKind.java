package dev.messenger.server.settings;

import java.util.Locale;

/**
 * How nodes tell each other about new messages and presence (setting {@code bus}). Written in
 * settings as the lower-case name, e.g. {@code local}.
 */
public enum BusKind {
  /** In process: one node. */
  LOCAL,

  /** NATS at {@code nats-url}: a cluster. */
  NATS;

  /** The name as written in settings and logs. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
