package dev.messenger.core.accounts;

/**
 * A user account as the store holds it. {@code lastSeen} is ms since the epoch (0 if never seen).
 * The password hash never leaves the accounts package's callers' hands: the edge shows only id,
 * username and display name.
 */
public record User(
    String id,
    String username,
    String displayName,
    String passwordHash,
    long createdAt,
    long lastSeen) {}
