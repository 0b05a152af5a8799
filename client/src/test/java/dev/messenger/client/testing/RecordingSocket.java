package dev.messenger.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.ServerFrame;
import dev.messenger.client.SocketChanges;
import dev.messenger.client.SocketRequests;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Test support (client test-jar, never in the SDK's main jar): a {@link ChatSocket} that records
 * every incoming frame from {@code ready} on, through the socket's raw-frame hook ({@link
 * MessengerClient#connect(ChatSocket.Listener, Consumer)}), with blocking waits for frames that
 * arrived in the past or arrive later ({@link #await}, {@link #awaitType}, {@link #awaitCount}).
 * Text that is not JSON is recorded as a {@code TextNode}. The other methods delegate to the socket
 * ({@link #socket()}), whose contract (PROTOCOL.md section 3) they keep.
 *
 * <p>The log is unbounded: for tests and tools of bounded length. Thread-safe; waits block on a
 * condition (no polling) and fail as soon as the socket closed without a match.
 */
public final class RecordingSocket implements AutoCloseable {
  private final ChatSocket socket;
  private final FrameLog log;

  private RecordingSocket(ChatSocket socket, FrameLog log) {
    this.socket = socket;
    this.log = log;
    socket.closeCode().whenComplete((code, e) -> log.markClosed(code == null ? -1 : code));
  }

  /**
   * Opens {@code client}'s WebSocket recording from the first frame; throws as {@link
   * MessengerClient#connect()}.
   */
  public static RecordingSocket open(MessengerClient client) {
    return open(client, null);
  }

  /** {@link #open(MessengerClient)}, with a typed {@code listener} too (may be null). */
  public static RecordingSocket open(MessengerClient client, ChatSocket.Listener listener) {
    return record(raw -> client.connect(listener, raw));
  }

  /**
   * Records a socket built by {@code opener}, which must pass the given raw-frame observer to the
   * socket it opens (for sockets built over fakes in unit tests).
   */
  public static RecordingSocket record(Function<Consumer<JsonNode>, ChatSocket> opener) {
    FrameLog log = new FrameLog();
    return new RecordingSocket(opener.apply(log::add), log);
  }

  /** The recorded socket, for code that takes a {@link ChatSocket}. */
  public ChatSocket socket() {
    return socket;
  }

  /** A snapshot of every frame received so far, in arrival order. */
  public List<JsonNode> frames() {
    return log.snapshot();
  }

  /** A snapshot of the frames received so far whose {@code type} is {@code type}. */
  public List<JsonNode> frames(String type) {
    return log.ofType(type);
  }

  /**
   * The first frame, received before or during this call, that matches.
   *
   * @throws IllegalStateException wrapping a {@link TimeoutException} when none matched within
   *     {@code timeout}, or as soon as the socket closed without a match; also if interrupted
   */
  public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
    return log.await(match, timeout);
  }

  /**
   * The first frame of {@code type}, received before or during this call.
   *
   * @throws IllegalStateException as {@link #await}
   */
  public JsonNode awaitType(String type, Duration timeout) {
    return log.await(FrameLog.isType(type), timeout);
  }

  /**
   * Waits until at least {@code n} frames of {@code type} were received and returns the first
   * {@code n}.
   *
   * @throws IllegalStateException as {@link #await}
   */
  public List<JsonNode> awaitCount(String type, int n, Duration timeout) {
    return log.awaitCount(type, n, timeout);
  }

  /** See {@link ChatSocket#readyFrame()}. */
  public JsonNode readyFrame() {
    return socket.readyFrame();
  }

  /** See {@link ChatSocket#ready()}. */
  public ServerFrame.Ready ready() {
    return socket.ready();
  }

  /** See {@link ChatSocket#typed()}. */
  public SocketRequests typed() {
    return socket.typed();
  }

  /** See {@link ChatSocket#userId()}. */
  public String userId() {
    return socket.userId();
  }

  /** See {@link ChatSocket#deviceId()}. */
  public String deviceId() {
    return socket.deviceId();
  }

  /** See {@link ChatSocket#request}. */
  public CompletableFuture<JsonNode> request(ObjectNode frame) {
    return socket.request(frame);
  }

  /** See {@link ChatSocket#requestSync}. */
  public JsonNode requestSync(ObjectNode frame) {
    return socket.requestSync(frame);
  }

  /** See {@link ChatSocket#sendFrame}. */
  public void sendFrame(ObjectNode frame) {
    socket.sendFrame(frame);
  }

  /** See {@link ChatSocket#sendRaw}. */
  public void sendRaw(String text) {
    socket.sendRaw(text);
  }

  /** See {@link ChatSocket#send}. */
  public CompletableFuture<JsonNode> send(String conversationId, String clientId, String body) {
    return socket.send(conversationId, clientId, body);
  }

  /** See {@link ChatSocket#sendTo}. */
  public CompletableFuture<JsonNode> sendTo(String userId, String clientId, String body) {
    return socket.sendTo(userId, clientId, body);
  }

  /** See {@link ChatSocket#changes()}. */
  public SocketChanges changes() {
    return socket.changes();
  }

  /** See {@link ChatSocket#ack}. */
  public void ack(String conversationId, long seq, String status) {
    socket.ack(conversationId, seq, status);
  }

  /** See {@link ChatSocket#typing}. */
  public void typing(String conversationId, String state) {
    socket.typing(conversationId, state);
  }

  /** See {@link ChatSocket#history}. */
  public JsonNode history(String conversationId, Long before, Long after, Integer limit) {
    return socket.history(conversationId, before, after, limit);
  }

  /** See {@link ChatSocket#sync()}. */
  public JsonNode sync() {
    return socket.sync();
  }

  /** See {@link ChatSocket#ping()}. */
  public CompletableFuture<JsonNode> ping() {
    return socket.ping();
  }

  /** See {@link ChatSocket#subscribePresence}. */
  public void subscribePresence(Collection<String> userIds) {
    socket.subscribePresence(userIds);
  }

  /** See {@link ChatSocket#unsubscribePresence}. */
  public void unsubscribePresence(Collection<String> userIds) {
    socket.unsubscribePresence(userIds);
  }

  /** See {@link ChatSocket#isOpen()}. */
  public boolean isOpen() {
    return socket.isOpen();
  }

  /** See {@link ChatSocket#closeCode()}. */
  public CompletableFuture<Integer> closeCode() {
    return socket.closeCode();
  }

  /** See {@link ChatSocket#close()}. */
  @Override
  public void close() {
    socket.close();
  }
}
