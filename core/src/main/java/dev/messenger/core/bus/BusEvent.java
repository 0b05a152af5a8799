package dev.messenger.core.bus;

import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import java.util.concurrent.atomic.AtomicReference;

/** What travels on the {@link Bus}. Every event is immutable except for an encoding cache. */
public sealed interface BusEvent {

  /**
   * A message was committed. The device that sent it is {@link Message#senderDeviceId()}: that
   * device answered {@code sent} and gets no {@code message} frame, live or from a gap fill (one
   * rule, applied by the edge). The edge may cache its wire encoding in {@link #encoded()} so that
   * a fan-out encodes once.
   */
  final class MessageStored implements BusEvent {
    private final Message message;
    private final AtomicReference<Object> encoded = new AtomicReference<>();

    public MessageStored(Message message) {
      this.message = message;
    }

    public Message message() {
      return message;
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

  /**
   * What user {@code userId} keeps for itself in a conversation changed (mute, archive, clear;
   * PROTOCOL.md section 5): each of its devices gets a {@code conversation} frame with its summary.
   */
  record ConversationChanged(String userId, String conversationId) implements BusEvent {}

  /** A device logged out: its sockets close with 4001. */
  record DeviceRevoked(String deviceId) implements BusEvent {}

  /**
   * A block was made ({@code blocked} true) or lifted between two users (committed): every node
   * drops what it cached of both, and their sessions stop watching each other's presence.
   */
  record BlockChanged(String blockerId, String blockedId, boolean blocked) implements BusEvent {}

  /**
   * A user was suspended ({@code suspended} true: its sockets close with 4003) or its suspension
   * lifted; published to the user's topic.
   */
  record UserSuspended(String userId, boolean suspended) implements BusEvent {}
}
