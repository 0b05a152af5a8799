package dev.messenger.core.model;

/**
 * What an update entry changes (PROTOCOL.md section 4, "Messages that change"): {@code action} on
 * the message at seq {@code target} of the same conversation; {@code body} is the new text for
 * {@code edited} (else null), {@code emoji} the reaction for {@code reacted}/{@code unreacted}
 * (else null). Immutable.
 */
public record Update(Action action, long target, String body, String emoji) {

  /** The changes a member can make to a {@code text} message. */
  public enum Action {
    EDITED("edited"),
    DELETED("deleted"),
    REACTED("reacted"),
    UNREACTED("unreacted"),
    PINNED("pinned"),
    UNPINNED("unpinned");

    private final String wire;

    Action(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The action named {@code wire}; throws {@link IllegalArgumentException} if none. */
    public static Action fromWire(String wire) {
      for (Action a : values()) {
        if (a.wire.equals(wire)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown update action: " + wire);
    }
  }
}
