package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A frame the server sends on {@code /ws}, typed: one record per frame type of docs/asyncapi.json
 * ({@code serverSends}) and PROTOCOL.md section 3, read in one place ({@link ServerFrames#parse}).
 * Records are immutable; list components are copies.
 *
 * <p>{@link Unknown} is the escape hatch: a frame of a type this SDK does not know (a newer
 * server), or text that is not a JSON object, kept as it arrived so that nothing is lost. Code that
 * switches over frames handles it (usually by ignoring it).
 *
 * <p>Every frame has {@link #ref()}: the {@code ref} of the request it answers, or null.
 */
public sealed interface ServerFrame
    permits ServerFrame.Ready,
        ServerFrame.Sent,
        ServerFrame.Message,
        ServerFrame.Receipt,
        ServerFrame.History,
        ServerFrame.Synced,
        ServerFrame.Updated,
        ServerFrame.Conversation,
        ServerFrame.Typing,
        ServerFrame.Presence,
        ServerFrame.Pong,
        ServerFrame.Error,
        ServerFrame.Unknown {

  /** The {@code ref} of the request this frame answers; null when it answers none. */
  String ref();

  /** The wire {@code type} ({@code "sent"}, {@code "message"}, ...). */
  String type();

  /** {@code ready}: the first frame of every connection. */
  record Ready(String ref, String userId, String deviceId, int protocol, long serverTime)
      implements ServerFrame {
    @Override
    public String type() {
      return "ready";
    }
  }

  /** {@code sent}: a {@code send} was stored with {@code seq} at {@code ts} (ms since epoch). */
  record Sent(String ref, String clientId, String conversationId, long seq, long ts)
      implements ServerFrame {
    @Override
    public String type() {
      return "sent";
    }
  }

  /** {@code message}: a message (text, system or update entry) of a conversation the user is in. */
  record Message(String ref, MessageView message) implements ServerFrame {
    @Override
    public String type() {
      return "message";
    }

    /** The conversation of the message. */
    public String conversationId() {
      return message.conversationId();
    }

    /** The seq of the message. */
    public long seq() {
      return message.seq();
    }
  }

  /** {@code receipt}: a member's {@code delivered} or {@code read} cursor moved to {@code seq}. */
  record Receipt(String ref, String conversationId, String userId, String status, long seq)
      implements ServerFrame {
    @Override
    public String type() {
      return "receipt";
    }
  }

  /** {@code history}: a page of messages in ascending seq, answering {@code history}. */
  record History(String ref, String conversationId, List<MessageView> messages, boolean hasMore)
      implements ServerFrame {
    /** Copies {@code messages}; null becomes empty. */
    public History {
      messages = messages == null ? List.of() : List.copyOf(messages);
    }

    @Override
    public String type() {
      return "history";
    }

    /** The page as {@link HistoryPage}. */
    public HistoryPage page() {
      return new HistoryPage(messages, hasMore);
    }
  }

  /** {@code synced}: the summary of every conversation, answering {@code sync}. */
  record Synced(String ref, List<ConversationView> conversations) implements ServerFrame {
    /** Copies {@code conversations}; null becomes empty. */
    public Synced {
      conversations = conversations == null ? List.of() : List.copyOf(conversations);
    }

    @Override
    public String type() {
      return "synced";
    }
  }

  /** {@code updated}: the answer to a change ({@code edit}, {@code react}, ...). */
  record Updated(String ref, UpdatedView updated) implements ServerFrame {
    @Override
    public String type() {
      return "updated";
    }
  }

  /** {@code conversation}: the user's own settings of a conversation changed (any device). */
  record Conversation(String ref, ConversationView conversation) implements ServerFrame {
    @Override
    public String type() {
      return "conversation";
    }
  }

  /** {@code typing}: a member started or stopped ({@code state}) typing. */
  record Typing(String ref, String conversationId, String userId, String state)
      implements ServerFrame {
    @Override
    public String type() {
      return "typing";
    }
  }

  /** {@code presence}: a subscribed user's presence. */
  record Presence(String ref, PresenceView presence) implements ServerFrame {
    @Override
    public String type() {
      return "presence";
    }
  }

  /** {@code pong}: the answer to {@code ping}. */
  record Pong(String ref) implements ServerFrame {
    @Override
    public String type() {
      return "pong";
    }
  }

  /** {@code error}: a request failed ({@code code} as in PROTOCOL.md), or a frame was bad. */
  record Error(String ref, String code, String message) implements ServerFrame {
    @Override
    public String type() {
      return "error";
    }

    /** This error as the exception the SDK's synchronous calls throw. */
    public ApiException toException() {
      return new ApiException(ApiException.statusFor(code), code, message);
    }
  }

  /**
   * A frame this SDK does not know, or text that is not a JSON object.
   *
   * @param type its {@code type}, or null when it has none
   * @param raw the frame as it arrived (a {@code TextNode} when it was not JSON)
   */
  record Unknown(String ref, String type, JsonNode raw) implements ServerFrame {}
}
