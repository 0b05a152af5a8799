package dev.messenger.server.wire;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.presence.PresenceStatus;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every frame the server sends over the WebSocket (PROTOCOL.md section 3, "Server -> client"), as
 * immutable values. {@link FrameCodec#encode} is the one place they become JSON, so a frame type is
 * spelled once. A {@code ref} is the client's correlation string (at most 64 characters), or null
 * when the frame answers none.
 */
public sealed interface ServerFrame {

  /** The first frame of a connection; {@code serverTime} in ms since the epoch. */
  record Ready(String userId, String deviceId, int protocol, long serverTime)
      implements ServerFrame {}

  /** A {@code send} was committed; {@code ts} in ms since the epoch. */
  record Sent(String ref, String clientId, String conversationId, long seq, long ts)
      implements ServerFrame {}

  /**
   * A {@code message} frame. {@code encoded} is a cache of its JSON shared by every connection the
   * same fan-out reaches, so a message to 200 members is encoded once; pass a fresh reference when
   * nothing is shared.
   */
  record Message(dev.messenger.core.model.Message message, AtomicReference<Object> encoded)
      implements ServerFrame {
    public Message {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(encoded, "encoded");
    }

    /** A frame for one connection, with nothing shared. */
    public static Message of(dev.messenger.core.model.Message m) {
      return new Message(m, new AtomicReference<>());
    }
  }

  /** A member's receipt cursor moved. */
  record Receipt(String conversationId, String userId, ReceiptStatus status, long seq)
      implements ServerFrame {}

  /** A member started or stopped typing; {@code state} is {@code start} or {@code stop}. */
  record Typing(String conversationId, String userId, String state) implements ServerFrame {}

  /** A user's presence; {@code lastSeen} in ms since the epoch. */
  record Presence(PresenceStatus status) implements ServerFrame {}

  /** A page of history, ascending by seq. */
  record History(
      String ref,
      String conversationId,
      List<dev.messenger.core.model.Message> messages,
      boolean hasMore)
      implements ServerFrame {
    public History {
      messages = List.copyOf(messages);
    }
  }

  /** The answer to {@code sync}: every conversation's summary. */
  record Synced(String ref, List<ConversationSummary> conversations) implements ServerFrame {
    public Synced {
      conversations = List.copyOf(conversations);
    }
  }

  /**
   * The answer to {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin} and
   * {@code unpin} (PROTOCOL.md section 4): {@code seq} and {@code ts} (ms since the epoch) are the
   * update entry's, both null for a no-op that stored nothing.
   */
  record Updated(String ref, String conversationId, long target, Long seq, Long ts)
      implements ServerFrame {}

  /**
   * What the user keeps for itself in a conversation changed (PROTOCOL.md section 5): the
   * conversation's summary as this user sees it.
   */
  record Conversation(ConversationSummary conversation) implements ServerFrame {}

  /** The answer to {@code ping}. */
  record Pong(String ref) implements ServerFrame {}

  /** A refused frame or failed request; the connection stays open. */
  record Error(String ref, ErrorCode code, String message) implements ServerFrame {
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
