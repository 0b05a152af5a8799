package dev.messenger.core.model;

/**
 * What a system message records (PROTOCOL.md "event"): the action, the user it concerns (null for
 * {@code created} and {@code renamed}), who did it, and for {@code renamed} the new name.
 */
public record SystemEvent(Action action, String userId, String by, String name) {

  /** The membership changes and renames that are recorded in the history. */
  public enum Action {
    CREATED("created"),
    MEMBER_ADDED("member_added"),
    MEMBER_REMOVED("member_removed"),
    MEMBER_LEFT("member_left"),
    RENAMED("renamed");

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
      throw new IllegalArgumentException("unknown system event action: " + wire);
    }
  }
}
