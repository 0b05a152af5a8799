package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Thrown for any non-2xx HTTP answer (and a refused WebSocket upgrade, or an {@code error} frame
 * where a typed reply was expected, see {@link #fromFrame}): the status plus the error {@code code}
 * and {@code message} from the body {@code {"error": {"code", "message"}}}. When the body carries
 * no such object, the code is the one PROTOCOL.md assigns to the status (for example {@code
 * unauthorized} for 401) and the message is the body text.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String errorMessage;

  /**
   * @param status the HTTP status code
   * @param code the protocol error code, e.g. {@code not_found}
   * @param message the human-readable message from the server
   */
  public ApiException(int status, String code, String message) {
    super(status + " " + code + ": " + message);
    this.status = status;
    this.code = code;
    this.errorMessage = message;
  }

  /** The HTTP status code, e.g. 404. */
  public int status() {
    return status;
  }

  /** The protocol error code, e.g. {@code not_found}. */
  public String code() {
    return code;
  }

  /** The message part of the error, without status and code. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Builds the exception for an answer with {@code status} and the raw {@code body} (nullable). */
  static ApiException fromResponse(int status, String body) {
    if (body != null && !body.isBlank()) {
      JsonNode parsed = Json.parseOrText(body);
      JsonNode error = parsed.path("error");
      if (error.isObject() && error.hasNonNull("code")) {
        String message = error.path("message").asText("");
        return new ApiException(status, error.get("code").asText(), message);
      }
      return new ApiException(status, codeFor(status), body.strip());
    }
    return new ApiException(status, codeFor(status), "HTTP " + status);
  }

  /**
   * Builds the exception for a WebSocket {@code error} frame {@code {"code", "message"}}, with the
   * HTTP status PROTOCOL.md gives that code (500 for a code it does not know).
   */
  public static ApiException fromFrame(JsonNode frame) {
    String code = frame.path("code").asText("internal");
    return new ApiException(statusFor(code), code, frame.path("message").asText(""));
  }

  /** The HTTP status of a protocol error code (PROTOCOL.md section 2); 500 when unknown. */
  static int statusFor(String code) {
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 429, 503}) {
      if (codeFor(status).equals(code)) {
        return status;
      }
    }
    return 500;
  }

  /** The protocol's error code for an HTTP status (PROTOCOL.md section 2). */
  static String codeFor(int status) {
    switch (status) {
      case 400:
        return "bad_request";
      case 401:
        return "unauthorized";
      case 403:
        return "forbidden";
      case 404:
        return "not_found";
      case 409:
        return "conflict";
      case 413:
        return "too_large";
      case 429:
        return "rate_limited";
      case 503:
        return "unavailable";
      default:
        return status >= 500 ? "internal" : "http_" + status;
    }
  }
}
