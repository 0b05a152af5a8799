package dev.messenger.core.model;

/**
 * A conversation's own row. {@code lastSeq} is the seq of its newest message (0 when empty); times
 * are ms since the epoch; {@code name} is null for direct conversations.
 */
public record Conversation(
    String id, Kind kind, String name, long lastSeq, long lastActivity, long createdAt) {

  /** Direct (exactly two users, one per pair) or group. */
  public enum Kind {
    DIRECT("direct"),
    GROUP("group");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }
}
