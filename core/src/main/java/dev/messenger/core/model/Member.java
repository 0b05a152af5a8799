package dev.messenger.core.model;

/**
 * A user's membership of a conversation. The member sees messages with {@code seq >= joinedSeq};
 * {@code deliveredSeq} and {@code readSeq} are its cumulative receipt cursors; {@code leftSeq} is
 * the seq of the system message that ended the membership, or 0 while the member is active; {@code
 * settings} what the member keeps for itself (mute, archive, clear).
 */
public record Member(
    String conversationId,
    String userId,
    Role role,
    long joinedSeq,
    long deliveredSeq,
    long readSeq,
    long leftSeq,
    MemberSettings settings) {

  public Member {
    settings = settings == null ? MemberSettings.NONE : settings;
  }

  /** A membership with {@linkplain MemberSettings#NONE no settings} of its own. */
  public Member(
      String conversationId,
      String userId,
      Role role,
      long joinedSeq,
      long deliveredSeq,
      long readSeq,
      long leftSeq) {
    this(
        conversationId,
        userId,
        role,
        joinedSeq,
        deliveredSeq,
        readSeq,
        leftSeq,
        MemberSettings.NONE);
  }

  /**
   * The first seq this member may read: from its join on, above what it cleared for itself
   * (PROTOCOL.md section 5).
   */
  public long firstVisibleSeq() {
    return Math.max(joinedSeq, settings.clearedSeq() + 1);
  }

  /** Admins may add and remove members and rename the group. */
  public enum Role {
    ADMIN("admin"),
    MEMBER("member");

    private final String wire;

    Role(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public boolean active() {
    return leftSeq == 0;
  }
}
