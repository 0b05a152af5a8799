package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Opens a {@link ChatSocket}: the upgrade, then the wait for {@code ready}. Stateless. */
final class SocketOpener {
  private SocketOpener() {}

  /**
   * Opens {@code uri} with {@code token} (null: no header) and waits for {@code ready}; {@code
   * listener} and {@code rawFrames} may be null (see {@link ChatSocket}).
   *
   * @throws ApiException when the upgrade is refused (its status, and the error body if any)
   * @throws UncheckedIOException when the server cannot be reached
   * @throws IllegalStateException on timeout, interrupt, or a close before {@code ready}
   */
  static ChatSocket open(
      HttpClient http,
      URI uri,
      String token,
      ChatSocket.Listener listener,
      Consumer<JsonNode> rawFrames,
      Duration timeout) {
    long start = System.nanoTime();
    ChatSocket socket = new ChatSocket(listener, rawFrames);
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    CompletableFuture<WebSocket> opening = builder.buildAsync(uri, socket.reader());
    WebSocket ws;
    try {
      ws = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), uri);
    } catch (TimeoutException e) {
      opening.thenAccept(WebSocket::abort);
      throw new IllegalStateException("WebSocket handshake with " + uri + " timed out", e);
    } catch (InterruptedException e) {
      opening.thenAccept(WebSocket::abort);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening " + uri, e);
    }
    Duration left = timeout.minusNanos(System.nanoTime() - start);
    socket.awaitReady(ws, left.isNegative() ? Duration.ZERO : left);
    return socket;
  }

  /** Maps the cause of a failed upgrade to the exception {@link #open} documents. */
  static RuntimeException failure(Throwable cause, URI uri) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException) {
        HttpResponse<?> res = ((WebSocketHandshakeException) t).getResponse();
        return ApiException.fromResponse(res.statusCode(), bodyText(res.body()));
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return Unreachable.of(uri, (IOException) t);
      }
    }
    return new IllegalStateException("cannot open " + uri, cause);
  }

  private static String bodyText(Object body) {
    if (body instanceof String) {
      return (String) body;
    }
    if (body instanceof byte[]) {
      return new String((byte[]) body, StandardCharsets.UTF_8);
    }
    return null;
  }
}
