package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.ServerFrame;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The chat's connection: the current {@link ChatSocket}, a new one after the server went away, and
 * the outbox of requests ({@code send} and changes) not yet answered, sent again on the new socket
 * (a {@code send} keeps its {@code clientId}, so the server stores it once, PROTOCOL.md section 3).
 *
 * <p>Each socket gets a generation number; its frames and its close reach the chat as {@link
 * Incoming} and {@link Lost} events carrying it, so that events of an old socket are ignored.
 *
 * <p>Backoff between attempts: {@link #FIRST_RETRY}, doubled after each failure up to {@link
 * #MAX_RETRY}. The outbox holds at most {@link #MAX_UNANSWERED} requests; {@link #request} refuses
 * more (returns false) until replies come.
 *
 * <p>Not thread-safe: the chat's thread calls it; socket listeners only post events.
 */
final class ChatLink implements AutoCloseable {
  static final Duration FIRST_RETRY = Duration.ofMillis(250);
  static final Duration MAX_RETRY = Duration.ofSeconds(8);
  static final int MAX_UNANSWERED = 500;

  /** A frame of socket {@code generation}. */
  record Incoming(int generation, ServerFrame frame) {}

  /** Socket {@code generation} closed with {@code code} (-1: an error). */
  record Lost(int generation, int code, String reason) {}

  private final MessengerClient client;
  private final Consumer<Object> events;
  private final Map<String, ObjectNode> unanswered = new LinkedHashMap<>();
  private ChatSocket socket;
  private int generation;
  private Duration nextRetry = FIRST_RETRY;

  /** {@code events} receives {@link Incoming} and {@link Lost} from the sockets' threads. */
  ChatLink(MessengerClient client, Consumer<Object> events) {
    this.client = client;
    this.events = events;
  }

  /**
   * Opens a new socket (closing the old one, if any) and sends the unanswered requests again.
   *
   * @throws RuntimeException as {@link MessengerClient#connect(ChatSocket.Listener)}
   */
  void connect() {
    closeSocket();
    int gen = ++generation;
    try {
      socket = open(gen);
    } catch (RuntimeException e) {
      generation++; // a failed attempt's close event is stale
      socket = null;
      throw e;
    }
    nextRetry = FIRST_RETRY;
    unanswered.values().forEach(socket::sendFrame);
  }

  private ChatSocket open(int gen) {
    return client.connect(
        new ChatSocket.Listener() {
          @Override
          public void onFrame(ServerFrame frame) {
            events.accept(new Incoming(gen, frame));
          }

          @Override
          public void onClose(int code, String reason) {
            events.accept(new Lost(gen, code, reason));
          }
        });
  }

  /** True when {@code generation} is the current socket's. */
  boolean current(int generation) {
    return this.generation == generation;
  }

  /** The socket in use; null before the first connect. */
  ChatSocket socket() {
    return socket;
  }

  /** True while the current socket is open. */
  boolean connected() {
    return socket != null && socket.isOpen();
  }

  /** How long to wait before the next attempt; doubles each call, up to {@link #MAX_RETRY}. */
  Duration backoff() {
    Duration d = nextRetry;
    Duration doubled = nextRetry.multipliedBy(2);
    nextRetry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    return d;
  }

  /**
   * Sends a request frame that carries a {@code ref} now if connected, and again after each
   * reconnect until {@link #answered} is called with its ref.
   *
   * @return false (nothing kept) when {@link #MAX_UNANSWERED} requests are already waiting
   */
  boolean request(ObjectNode frame) {
    if (unanswered.size() >= MAX_UNANSWERED) {
      return false;
    }
    unanswered.put(frame.path("ref").asText(), frame);
    if (connected()) {
      socket.sendFrame(frame);
    }
    return true;
  }

  /** The request with {@code ref} got its reply: it is not sent again. */
  void answered(String ref) {
    if (ref != null) {
      unanswered.remove(ref);
    }
  }

  /** How many requests wait for a reply. */
  int unanswered() {
    return unanswered.size();
  }

  /** A frame that is not worth keeping (ack, typing, ping): sent if connected, else dropped. */
  void fireAndForget(ObjectNode frame) {
    if (connected()) {
      socket.sendFrame(frame);
    }
  }

  /** Pings the current socket when connected (called from the pinger thread). */
  void ping(ChatSocket s) {
    if (s != null && s.isOpen()) {
      s.ping();
    }
  }

  /** Subscribes to the presence of {@code userIds} on the current socket. */
  void subscribePresence(List<String> userIds) {
    if (connected() && !userIds.isEmpty()) {
      socket.subscribePresence(userIds);
    }
  }

  private void closeSocket() {
    if (socket != null) {
      socket.close();
    }
  }

  @Override
  public void close() {
    closeSocket();
  }
}
