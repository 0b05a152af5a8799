package dev.messenger.core.model;

import java.util.List;

/**
 * A stored message (PROTOCOL.md "Message object"). {@code seq} is its place in the conversation (1,
 * 2, 3, ... without gaps); {@code ts} is ms since the epoch, taken by the server; {@code clientId}
 * is null for system messages; {@code attachments} holds the media objects (empty if none); {@code
 * event} is set on system messages only; {@code details} holds the version 2 fields (PROTOCOL.md
 * section 4: reply, mentions, edits, deletion, reactions, the update of an update entry), always
 * the message's current state. Immutable.
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
    SystemEvent event,
    MessageDetails details) {

  public Message {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    details = details == null ? MessageDetails.NONE : details;
  }

  /** A message without version 2 details ({@link MessageDetails#NONE}). */
  public Message(
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
    this(
        conversationId,
        seq,
        senderId,
        senderDeviceId,
        clientId,
        ts,
        kind,
        body,
        attachments,
        event,
        MessageDetails.NONE);
  }

  /** This message with its details replaced. */
  public Message withDetails(MessageDetails d) {
    return new Message(
        conversationId,
        seq,
        senderId,
        senderDeviceId,
        clientId,
        ts,
        kind,
        body,
        attachments,
        event,
        d);
  }

  /** True for a text message that was not deleted: one that counts as unread and can change. */
  public boolean liveText() {
    return kind == Kind.TEXT && !details.deleted();
  }

  /**
   * The system message recording {@code event} at {@code seq}: sent by whoever did it ({@code
   * event.by()}), from no device, without clientId, body or attachments.
   */
  public static Message system(String conversationId, long seq, long ts, SystemEvent event) {
    return new Message(
        conversationId, seq, event.by(), null, null, ts, Kind.SYSTEM, "", List.of(), event);
  }

  /**
   * Text written by a user, a system record of a membership change or rename, or an update entry
   * (PROTOCOL.md section 4) changing an earlier text message.
   */
  public enum Kind {
    TEXT("text"),
    SYSTEM("system"),
    UPDATE("update");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String wire) {
      return switch (wire) {
        case "system" -> SYSTEM;
        case "update" -> UPDATE;
        default -> TEXT;
      };
    }
  }
}
