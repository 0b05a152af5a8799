package dev.messenger.core.bus;

import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import java.util.concurrent.atomic.AtomicReference;

/** What travels on the {@link Bus}. Every event is immutable except for an encoding cache. */
public sealed interface BusEvent {

  /**
   * A message was committed. {@code originDeviceId} is the sending device (null for system messages
   * made over HTTP), which answers {@code sent} instead of receiving a {@code message}. The edge
   * may cache its wire encoding in {@link #encoded()} so that a fan-out encodes once.
   */
  final class MessageStored implements BusEvent {
    private final Message message;
    private final String originDeviceId;
    private final AtomicReference<Object> encoded = new AtomicReference<>();

    public MessageStored(Message message, String originDeviceId) {
      this.message = message;
      this.originDeviceId = originDeviceId;
    }

    public Message message() {
      return message;
    }

    public String originDeviceId() {
      return originDeviceId;
    }

    /** A slot for the edge's encoded frame, shared by every recipient of this event. */
    public AtomicReference<Object> encoded() {
      return encoded;
    }
  }

  /** A member's cursor moved to {@code seq}. */
  record ReceiptMoved(String conversationId, String userId, ReceiptStatus status, long seq)
      implements BusEvent {}

  /** A member started or stopped typing ({@code state} is {@code start} or {@code stop}). */
  record Typing(String conversationId, String userId, String state) implements BusEvent {}

  /** A user went online or offline; {@code lastSeen} in ms since the epoch. */
  record PresenceChanged(String userId, boolean online, long lastSeen) implements BusEvent {}

  /**
   * The members of a conversation changed (committed): every node drops what it cached of them
   * ({@link dev.messenger.core.store.CachedMembership}).
   */
  record MembershipChanged(String conversationId) implements BusEvent {}

  /** A device logged out: its sockets close with 4001. */
  record DeviceRevoked(String deviceId) implements BusEvent {}
}
