package dev.messenger.core.model;

/**
 * A user's membership of a conversation. The member sees messages with {@code seq >= joinedSeq};
 * {@code deliveredSeq} and {@code readSeq} are its cumulative receipt cursors; {@code leftSeq} is
 * the seq of the system message that ended the membership, or 0 while the member is active.
 */
public record Member(
    String conversationId,
    String userId,
    Role role,
    long joinedSeq,
    long deliveredSeq,
    long readSeq,
    long leftSeq) {

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
