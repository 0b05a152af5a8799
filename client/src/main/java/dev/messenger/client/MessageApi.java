package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP routes of PROTOCOL.md sections 4 and 5 ({@link MessengerClient#messages()}): one
 * message, edit, delete, reactions, pins, "read by", a send with reply, mentions or forward, and
 * what each member keeps for itself (mute, archive, clear).
 *
 * <p>Changes made over HTTP come from no device, so every socket of the caller gets the update
 * entry as a {@code message} frame. Immutable and thread-safe; calls block and fail as {@link
 * MessengerClient}'s do ({@link ApiException} for a non-2xx answer, for example 403 {@code
 * forbidden} for editing another user's message or 409 {@code conflict} for editing a deleted one).
 */
public final class MessageApi {
  /**
   * The {@code mutedUntil} of a mute "for ever": 9999-12-31T23:59:59Z in ms, far in the future and
   * still a date every client can show.
   */
  public static final long FOREVER_MILLIS = 253_402_300_799_000L;

  private final MessengerClient client;

  MessageApi(MessengerClient client) {
    this.client = client;
  }

  /**
   * Posts {@code message} ({@code POST /conversations/{id}/messages}); the answer is the stored
   * message (or the original on a repeated clientId).
   *
   * @throws IllegalArgumentException when {@code message} names a user ({@code to}) instead of a
   *     conversation: HTTP has no such send
   */
  public MessageView post(OutgoingMessage message) {
    if (message.conversationId() == null) {
      throw new IllegalArgumentException("HTTP sends need a conversationId, not 'to'");
    }
    ObjectNode body = message.toJson();
    body.remove("conversationId");
    return MessageView.fromJson(
        client.call("POST", conversation(message.conversationId()) + "/messages", body));
  }

  /**
   * Message {@code seq} in its current state; 404 {@code not_found} when the caller cannot see it.
   */
  public MessageView get(String conversationId, long seq) {
    return MessageView.fromJson(client.call("GET", message(conversationId, seq), null));
  }

  /** Edits the caller's message {@code seq}; answers the message in its new state. */
  public MessageView edit(String conversationId, long seq, String body) {
    return MessageView.fromJson(
        client.call("PATCH", message(conversationId, seq), Json.object().put("body", body)));
  }

  /** Deletes message {@code seq} for everyone (its sender, or a group admin). */
  public void delete(String conversationId, long seq) {
    client.call("DELETE", message(conversationId, seq), null);
  }

  /** Adds the caller's {@code emoji} to message {@code seq} (no-op when already there). */
  public void react(String conversationId, long seq, String emoji) {
    client.call("PUT", reaction(conversationId, seq, emoji), null);
  }

  /** Takes the caller's {@code emoji} off message {@code seq} (no-op when not there). */
  public void unreact(String conversationId, long seq, String emoji) {
    client.call("DELETE", reaction(conversationId, seq, emoji), null);
  }

  /** Pins message {@code seq} (any member of a direct conversation, group admins). */
  public void pin(String conversationId, long seq) {
    client.call("PUT", pins(conversationId, seq), null);
  }

  /** Unpins message {@code seq}. */
  public void unpin(String conversationId, long seq) {
    client.call("DELETE", pins(conversationId, seq), null);
  }

  /** Who has message {@code seq}: the other members whose cursors reached it. */
  public ReadByView readBy(String conversationId, long seq) {
    return ReadByView.fromJson(
        client.call("GET", message(conversationId, seq) + "/receipts", null));
  }

  /**
   * Mutes the conversation for the caller until {@code untilMillis} (ms since the epoch; a time far
   * ahead mutes it for ever). Answers the summary.
   */
  public ConversationView mute(String conversationId, long untilMillis) {
    return settings(conversationId, Json.object().put("mutedUntil", untilMillis));
  }

  /** Unmutes the conversation for the caller. Answers the summary. */
  public ConversationView unmute(String conversationId) {
    return settings(conversationId, Json.object().putNull("mutedUntil"));
  }

  /** Archives ({@code true}) or unarchives the conversation for the caller. Answers the summary. */
  public ConversationView archive(String conversationId, boolean archived) {
    return settings(conversationId, Json.object().put("archived", archived));
  }

  /**
   * Clears the chat for the caller up to and including {@code seq}: history, one message and search
   * then show it nothing at or below. A seq at or below the current {@code clearedSeq} changes
   * nothing; one above {@code lastSeq} is 400 {@code bad_request}.
   */
  public void clear(String conversationId, long seq) {
    client.call("POST", conversation(conversationId) + "/clear", Json.object().put("seq", seq));
  }

  private ConversationView settings(String conversationId, JsonNode patch) {
    return ConversationView.fromJson(
        client.call("PATCH", conversation(conversationId) + "/settings", patch));
  }

  private static String conversation(String conversationId) {
    return "/conversations/" + MessengerClient.segment(conversationId);
  }

  private static String message(String conversationId, long seq) {
    return conversation(conversationId) + "/messages/" + seq;
  }

  private static String reaction(String conversationId, long seq, String emoji) {
    return message(conversationId, seq) + "/reactions/" + MessengerClient.segment(emoji);
  }

  private static String pins(String conversationId, long seq) {
    return conversation(conversationId) + "/pins/" + seq;
  }
}
