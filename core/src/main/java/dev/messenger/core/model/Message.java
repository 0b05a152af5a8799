package dev.messenger.core.model;

import java.util.List;

/**
 * A stored message (PROTOCOL.md "Message object"). {@code seq} is its place in the conversation (1,
 * 2, 3, ... without gaps); {@code ts} is ms since the epoch, taken by the server; {@code clientId}
 * is null for system messages; {@code attachments} holds the media objects (empty if none); {@code
 * event} is set on system messages only. Immutable.
 *
 * <p>{@code senderDeviceId} is the device whose socket sent the message, so the edge knows which
 * device already got {@code sent} for it instead of a {@code message} frame. It is null for system
 * messages and for messages sent over HTTP (the HTTP answer reaches none of the sender's sockets,
 * so every one of them gets the {@code message} frame). It is stored, and carried on the bus, but
 * is not part of the wire protocol.
 */
public record Message(
    String conversationId,
    long seq,
    String senderId,
    String senderDeviceId,
    String clientId,
    long ts,
    Kind kind,
    String body,
    List<Attachment> attachments,
    SystemEvent event) {

  public Message {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /**
   * The system message recording {@code event} at {@code seq}: sent by whoever did it ({@code
   * event.by()}), from no device, without clientId, body or attachments.
   */
  public static Message system(String conversationId, long seq, long ts, SystemEvent event) {
    return new Message(
        conversationId, seq, event.by(), null, null, ts, Kind.SYSTEM, "", List.of(), event);
  }

  /** Text written by a user, or a system record of a membership change or rename. */
  public enum Kind {
    TEXT("text"),
    SYSTEM("system");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String wire) {
      return "system".equals(wire) ? SYSTEM : TEXT;
    }
  }
}
