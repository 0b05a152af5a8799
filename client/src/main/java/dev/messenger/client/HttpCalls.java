package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One blocking HTTP exchange of {@link MessengerClient}: the bearer token, the {@link WireTap}s,
 * and the mapping of failures (non-2xx: {@link ApiException}; unreachable: {@link
 * java.io.UncheckedIOException} from {@link Unreachable}; interrupted: {@link
 * IllegalStateException}, interrupt flag kept). Stateless and thread-safe.
 */
final class HttpCalls {
  private HttpCalls() {}

  /** Sends {@code req} (token added when not null) and answers the body bytes of a 2xx answer. */
  static byte[] bytes(HttpClient http, String token, HttpRequest.Builder req) {
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    HttpRequest r = req.build();
    HttpResponse<byte[]> res;
    try {
      res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw Unreachable.of(r.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + r.method() + " " + r.uri(), e);
    }
    WireTap.Holder.http(r.method(), r.uri(), null, res.statusCode(), res.headers(), res.body());
    if (res.statusCode() < 200 || res.statusCode() > 299) {
      throw ApiException.fromResponse(
          res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    }
    return res.body();
  }

  /**
   * {@code method} on {@code uri} with an optional JSON {@code body} sent as it is.
   *
   * @return the parsed answer (a {@code TextNode} if it is not JSON), or null for an empty body
   */
  static JsonNode json(
      HttpClient http, String token, String method, URI uri, String body, Duration timeout) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Unreachable.of(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + uri, e);
    }
    int status = res.statusCode();
    WireTap.Holder.http(method, uri, body, status, res.headers(), res.body());
    if (status < 200 || status > 299) {
      throw ApiException.fromResponse(status, res.body());
    }
    String text = res.body();
    return status == 204 || text == null || text.isBlank() ? null : Json.parseOrText(text);
  }
}
