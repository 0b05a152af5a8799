package dev.messenger.core.presence;

/** A user's presence as shown to others; {@code lastSeen} in ms since the epoch. */
public record PresenceStatus(String userId, boolean online, long lastSeen) {
  public String status() {
    return online ? "online" : "offline";
  }
}
