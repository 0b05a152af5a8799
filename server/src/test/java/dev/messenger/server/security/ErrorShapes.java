package dev.messenger.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.wire.Wire;
import java.util.Map;

/**
 * What every error must look like (PROTOCOL.md section 2 "Errors", section 3 {@code error}): a
 * known {@code code} that matches the HTTP status, a message, and nothing that gives away the
 * server's insides (exception names, stack frames, Java package names).
 */
final class ErrorShapes {
  private ErrorShapes() {}

  /** Codes a client may see, with their HTTP status ({@code internal} is never acceptable). */
  static final Map<String, Integer> KNOWN =
      Map.of(
          "bad_request", 400,
          "unauthorized", 401,
          "forbidden", 403,
          "not_found", 404,
          "conflict", 409,
          "too_large", 413,
          "rate_limited", 429,
          "unavailable", 503);

  /** Fails if {@code text} looks like it carries a stack trace or a Java class name. */
  static void assertNoInternals(String text, Object context) {
    assertThat(text)
        .as("no internals leaked for %s", context)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("java.")
        .doesNotContain("io.vertx")
        .doesNotContain("dev.messenger")
        .doesNotContain("SQLITE_");
  }

  /** Asserts an HTTP answer is not 5xx and, if an error, has the protocol's shape. */
  static void assertCleanHttp(RawHttp.Response r, String method, Object context) {
    assertThat(r.status()).as("status of %s: %s", context, r).isLessThan(500);
    assertNoInternals(r.body(), context);
    if (r.status() < 400 || "HEAD".equals(method)) {
      return;
    }
    JsonNode body;
    try {
      body = Wire.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("error body is not JSON for " + context + ": " + r, e);
    }
    assertThat(body != null && body.path("error").isObject())
        .as("error object in %s: %s", context, r)
        .isTrue();
    String code = body.path("error").path("code").asText("");
    assertThat(KNOWN).as("known code for %s: %s", context, r).containsKey(code);
    assertThat(KNOWN.get(code))
        .as("status matches code for %s: %s", context, r)
        .isEqualTo(r.status());
    assertThat(body.path("error").path("message").isTextual())
        .as("message in %s", context)
        .isTrue();
    if (r.status() == 429) {
      assertThat(r.header("Retry-After")).as("Retry-After on 429").isNotNull();
    }
  }

  /** Asserts a WebSocket {@code error} frame has a known code, a message and no internals. */
  static void assertCleanErrorFrame(JsonNode frame, Object context) {
    assertThat(frame.path("type").asText()).isEqualTo("error");
    assertThat(KNOWN)
        .as("known code in %s for %s", frame, context)
        .containsKey(frame.path("code").asText(""));
    assertThat(frame.path("message").isTextual()).as("message in %s", frame).isTrue();
    assertNoInternals(frame.toString(), context);
  }
}
