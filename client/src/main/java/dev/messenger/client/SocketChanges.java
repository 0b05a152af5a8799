package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The frames of PROTOCOL.md section 4 on one {@link ChatSocket} ({@link ChatSocket#changes()}):
 * {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin} and {@code unpin}, each
 * answered by {@code updated} ({@link UpdatedView#fromFrame} reads it), and {@code send} with a
 * reply, mentions or a forward.
 *
 * <p>As with {@link ChatSocket#request}, every future completes with the reply frame, {@code error}
 * frames included, and fails only when the frame could not be sent or the socket closed first. The
 * device that makes a change gets {@code updated}, never the update entry as a {@code message}
 * frame (as with {@code sent}): it applies its own change when {@code updated} carries a seq.
 *
 * <p>Stateless apart from its socket, and thread-safe as the socket is.
 */
public final class SocketChanges {
  private final ChatSocket socket;

  SocketChanges(ChatSocket socket) {
    this.socket = socket;
  }

  /** Sends {@code message}; completes with {@code sent} or {@code error}. */
  public CompletableFuture<JsonNode> send(OutgoingMessage message) {
    return socket.request(message.toJson().put("type", "send"));
  }

  /** {@code edit}: the sender replaces the body of {@code seq}; completes with {@code updated}. */
  public CompletableFuture<JsonNode> edit(String conversationId, long seq, String body) {
    return socket.request(frame("edit", conversationId, seq).put("body", body));
  }

  /** {@code delete}: deletes {@code seq} for everyone; completes with {@code updated}. */
  public CompletableFuture<JsonNode> delete(String conversationId, long seq) {
    return socket.request(frame("delete", conversationId, seq));
  }

  /** {@code react}: adds the caller's {@code emoji} to {@code seq}. */
  public CompletableFuture<JsonNode> react(String conversationId, long seq, String emoji) {
    return socket.request(frame("react", conversationId, seq).put("emoji", emoji));
  }

  /** {@code unreact}: takes the caller's {@code emoji} off {@code seq}. */
  public CompletableFuture<JsonNode> unreact(String conversationId, long seq, String emoji) {
    return socket.request(frame("unreact", conversationId, seq).put("emoji", emoji));
  }

  /** {@code pin}: pins {@code seq} in the conversation (any member of a direct, group admins). */
  public CompletableFuture<JsonNode> pin(String conversationId, long seq) {
    return socket.request(frame("pin", conversationId, seq));
  }

  /** {@code unpin}: unpins {@code seq}. */
  public CompletableFuture<JsonNode> unpin(String conversationId, long seq) {
    return socket.request(frame("unpin", conversationId, seq));
  }

  private static ObjectNode frame(String type, String conversationId, long seq) {
    return Json.object().put("type", type).put("conversationId", conversationId).put("seq", seq);
  }
}
