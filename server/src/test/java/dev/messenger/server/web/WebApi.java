package dev.messenger.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls to a test node for the web tests' other users (PROTOCOL.md section 2): JSON in,
 * status and JSON out. Thread-safe (the JDK client is).
 */
final class WebApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;

  WebApi(URI base) {
    this.base = base;
  }

  /** The answer's status and raw body. */
  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A call that must succeed (2xx); its JSON answer, or null for 204. */
  JsonNode ok(String method, String path, String token, String body) throws Exception {
    HttpResponse<String> r = send(method, path, token, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  /** Raw bytes with their type, e.g. a media upload. */
  JsonNode upload(String token, byte[] bytes, String mime) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/media"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", mime)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as("upload: " + res.body()).isEqualTo(201);
    return JSON.readTree(res.body());
  }

  /** Registers and logs in; returns the session ({token, userId, deviceId}). */
  JsonNode user(String username, String displayName, String deviceName) throws Exception {
    ok(
        "POST",
        "/api/v1/users",
        null,
        JSON.writeValueAsString(
            java.util.Map.of(
                "username",
                username,
                "password",
                BrowserSupport.PASSWORD,
                "displayName",
                displayName)));
    return login(username, deviceName);
  }

  JsonNode login(String username, String deviceName) throws Exception {
    return ok(
        "POST",
        "/api/v1/sessions",
        null,
        JSON.writeValueAsString(
            java.util.Map.of(
                "username",
                username,
                "password",
                BrowserSupport.PASSWORD,
                "deviceName",
                deviceName)));
  }

  static String json(Object o) throws Exception {
    return JSON.writeValueAsString(o);
  }

  static JsonNode parse(String s) throws Exception {
    return JSON.readTree(s);
  }
}
