package dev.messenger.server.media;

import dev.messenger.server.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/** Raw HTTP to the media endpoints, to see statuses and headers the SDK hides. */
final class MediaHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private MediaHttp() {}

  static HttpResponse<byte[]> get(
      TestNode node, String token, String path, UnaryOperator<HttpRequest.Builder> extra)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.uri().resolve(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(extra.apply(b).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> post(
      TestNode node, String token, HttpRequest.BodyPublisher body, String contentType)
      throws Exception {
    return postTo(node, token, "/api/v1/media", body, contentType);
  }

  static HttpResponse<String> postTo(
      TestNode node, String token, String path, HttpRequest.BodyPublisher body, String contentType)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(node.uri() + path))
            .header("Content-Type", contentType)
            .POST(body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
