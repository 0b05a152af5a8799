package dev.messenger.server.security;

/**
 * Who makes a request in the authorization matrix. The victim is {@code alice}: admin of group g
 * and in the direct conversation d with bob.
 */
enum Actor {
  /** alice herself: admin of g, member of d (the baseline: allowed). */
  OWNER("owner"),
  /** bob, a plain member of g and alice's peer in d: another user's device on alice's group. */
  MEMBER("member"),
  /** eve, logged in, in none of alice's conversations: another user's device on alice's chats. */
  STRANGER("stranger"),
  /** carol, removed from g by alice. */
  REMOVED("removed"),
  /** dave, who left g on his own. */
  LEFT("left"),
  /** a device of alice's that logged out: its token is revoked. */
  REVOKED("revoked token"),
  /** no Authorization header at all. */
  NONE("no token");

  final String label;

  Actor(String label) {
    this.label = label;
  }

  /** The order rows run in: denied actors first, the owner (whose calls may change state) last. */
  static final Actor[] RUN_ORDER = {STRANGER, REMOVED, LEFT, MEMBER, REVOKED, NONE, OWNER};

  boolean hasToken() {
    return this != NONE;
  }

  boolean canConnect() {
    return this != NONE && this != REVOKED;
  }
}
