package dev.messenger.core.accounts;

/**
 * A user account as the store holds it. {@code lastSeen} is ms since the epoch (0 if never seen).
 * The password hash never leaves the accounts package's callers' hands: the edge shows only id,
 * username, display name and avatar (PROTOCOL.md sections 2 and 8).
 *
 * @param passwordHash the self-describing hash, or empty for a user without a password (created by
 *     external sign-in or the admin API): no password matches it
 * @param avatar the media id of the avatar, or null
 * @param suspendedAt ms since the epoch the user was suspended; 0 while not suspended
 * @param deletedAt ms since the epoch the account was erased; 0 while it exists
 */
public record User(
    String id,
    String username,
    String displayName,
    String passwordHash,
    long createdAt,
    long lastSeen,
    String avatar,
    long suspendedAt,
    long deletedAt) {

  /** A user as version 1 knew it: no avatar, not suspended, not erased. */
  public User(
      String id,
      String username,
      String displayName,
      String passwordHash,
      long createdAt,
      long lastSeen) {
    this(id, username, displayName, passwordHash, createdAt, lastSeen, null, 0, 0);
  }

  public boolean suspended() {
    return suspendedAt != 0;
  }

  public boolean deleted() {
    return deletedAt != 0;
  }

  /** True if the user has a password (others sign in through JWTs or the admin API only). */
  public boolean hasPassword() {
    return passwordHash != null && !passwordHash.isEmpty();
  }
}
