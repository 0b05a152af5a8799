package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Sees every HTTP exchange and every WebSocket frame the clients of this package receive (and the
 * frames they send that the server accepts), for checks outside the SDK (the server's tests
 * validate them against docs/openapi.json and docs/asyncapi.json). Taps are found once with {@link
 * ServiceLoader}; a production classpath has none, and then nothing is done. Implementations must
 * be thread-safe (they are called from the caller's thread for HTTP and from the socket's reader
 * thread for frames) and should not throw: a tap that throws on a frame loses the frame for the
 * socket, so record the problem instead.
 */
public interface WireTap {
  /**
   * One HTTP answer.
   *
   * @param method the request method
   * @param uri the request URI (with its query)
   * @param requestBody the JSON request body, or null when there was none or it was not JSON
   * @param status the status code
   * @param contentType the answer's {@code Content-Type}, or null
   * @param responseBody the answer's body as UTF-8 text, or null when the answer was not text
   */
  void http(
      String method,
      URI uri,
      String requestBody,
      int status,
      String contentType,
      String responseBody);

  /** One complete text frame the server sent. */
  void frame(String text);

  /**
   * One frame this client sent with {@code ChatSocket.request} that the server accepted (its reply
   * was not an {@code error}); frames sent on purpose malformed are not reported. Does nothing
   * unless overridden.
   */
  default void sent(String text) {}

  /** The installed taps (found once; usually none). */
  static List<WireTap> installed() {
    return Holder.TAPS;
  }

  /** Loads the taps lazily and once, and hands exchanges to them. */
  final class Holder {
    private static final List<WireTap> TAPS =
        ServiceLoader.load(WireTap.class).stream().map(ServiceLoader.Provider::get).toList();

    private Holder() {}

    static void http(
        String method, URI uri, String requestBody, int status, HttpHeaders headers, Object body) {
      if (TAPS.isEmpty()) {
        return;
      }
      String type = headers.firstValue("Content-Type").orElse(null);
      String text =
          body instanceof String s
              ? s
              : type != null && type.startsWith("application/json")
                  ? new String((byte[]) body, StandardCharsets.UTF_8)
                  : null;
      for (WireTap tap : TAPS) {
        tap.http(method, uri, requestBody, status, type, text);
      }
    }

    static void frame(String text) {
      for (WireTap tap : TAPS) {
        tap.frame(text);
      }
    }

    /** Hands {@code text} to the taps once {@code reply} arrives and is not an error. */
    static void sentOnceAccepted(
        String text, java.util.concurrent.CompletableFuture<JsonNode> reply) {
      if (TAPS.isEmpty()) {
        return;
      }
      reply.thenAccept(
          r -> {
            if (!"error".equals(r.path("type").asText())) {
              for (WireTap tap : TAPS) {
                tap.sent(text);
              }
            }
          });
    }
  }
}
