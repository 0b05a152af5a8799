package dev.messenger.core.model;

/** The two cursors a member acks: {@code delivered} and {@code read} (which implies delivered). */
public enum ReceiptStatus {
  DELIVERED("delivered"),
  READ("read");

  private final String wire;

  ReceiptStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The status named {@code wire}, or null if it names none. */
  public static ReceiptStatus fromWire(String wire) {
    for (ReceiptStatus s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    return null;
  }
}
