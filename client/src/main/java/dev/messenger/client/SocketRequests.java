package dev.messenger.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The requests of PROTOCOL.md sections 3 and 4 over one {@link ChatSocket}, answered with typed
 * frames ({@link ServerFrame}) instead of raw JSON ({@link ChatSocket#typed()}). Each future
 * completes with the reply carrying the request's {@code ref}: the expected frame or a {@link
 * ServerFrame.Error}; it fails only when the frame could not be sent or the socket closed first.
 * The blocking calls wait up to {@link ChatSocket#SYNC_TIMEOUT} and throw as {@link
 * ChatSocket#requestSync} does.
 *
 * <p>Stateless apart from its socket, and thread-safe as the socket is. Do not block on these from
 * a socket's {@link ChatSocket.Listener} (see {@link ChatSocket}).
 */
public final class SocketRequests {
  private final ChatSocket socket;

  SocketRequests(ChatSocket socket) {
    this.socket = socket;
  }

  /** Any request frame; a {@code ref} is added when it has none. */
  public CompletableFuture<ServerFrame> request(ObjectNode frame) {
    return socket.request(frame).thenApply(ServerFrames::parse);
  }

  /** {@code send}: completes with {@link ServerFrame.Sent} or {@link ServerFrame.Error}. */
  public CompletableFuture<ServerFrame> send(OutgoingMessage message) {
    return request(message.toJson().put("type", "send"));
  }

  /**
   * {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin} or {@code unpin}
   * ({@code type}) of message {@code seq}; {@code body} and {@code emoji} are left out when null.
   * Completes with {@link ServerFrame.Updated} or {@link ServerFrame.Error}.
   */
  public CompletableFuture<ServerFrame> change(
      String type, String conversationId, long seq, String body, String emoji) {
    ObjectNode f =
        Json.object().put("type", type).put("conversationId", conversationId).put("seq", seq);
    if (body != null) {
      f.put("body", body);
    }
    if (emoji != null) {
      f.put("emoji", emoji);
    }
    return request(f);
  }

  /**
   * A {@code history} page; null arguments are left out. Blocks.
   *
   * @return {@link ServerFrame.History} or {@link ServerFrame.Error}
   */
  public ServerFrame history(String conversationId, Long before, Long after, Integer limit) {
    return ServerFrames.parse(socket.history(conversationId, before, after, limit));
  }

  /**
   * {@code sync}. Blocks.
   *
   * @return {@link ServerFrame.Synced} or {@link ServerFrame.Error}
   */
  public ServerFrame sync() {
    return ServerFrames.parse(socket.sync());
  }

  /** {@code ping}: completes with {@link ServerFrame.Pong}. */
  public CompletableFuture<ServerFrame> ping() {
    return socket.ping().thenApply(ServerFrames::parse);
  }
}
