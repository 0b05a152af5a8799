package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link PushSender} for Firebase Cloud Messaging, HTTP v1 API (PROTOCOL.md section 9): POST {@code
 * {fcm-endpoint}/v1/projects/{project_id}/messages:send} with a Bearer access token ({@link
 * FcmAccessTokens}) and {@code {"message": {"token", "data": {...string values...}, "android":
 * {"priority": "high", "ttl": "86400s", "collapse_key": conversationId}}}}: a data message, so the
 * app builds the notification itself. Answers: 2xx sent; {@code UNREGISTERED} or 404 expired (the
 * token is deleted); 401 forgets the access token and retries; 429 and 5xx retry (with {@code
 * Retry-After}); other errors fail with FCM's error code as the reason. Thread-safe; never blocks
 * the caller (the JDK HttpClient is asynchronous); the future never fails.
 */
public final class FcmSender implements PushSender {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI sendUri;
  private final FcmAccessTokens tokens;
  private final HttpClient http;

  /**
   * @param endpoint the FCM base URL (setting {@code fcm-endpoint}), without a trailing slash
   */
  public FcmSender(
      String endpoint, FcmCredentials credentials, FcmAccessTokens tokens, HttpClient http) {
    this.sendUri =
        URI.create(endpoint + "/v1/projects/" + credentials.projectId() + "/messages:send");
    this.tokens = tokens;
    this.http = http;
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    String body = body(subscription.token(), message);
    return tokens
        .get()
        .thenCompose(
            access ->
                http.sendAsync(
                    HttpRequest.newBuilder(sendUri)
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + access)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .thenApply(this::result)
        .exceptionally(
            e -> new PushResult(PushResult.Outcome.RETRY, 0, null, "no answer: " + rootMessage(e)));
  }

  /** The request body. */
  static String body(String token, PushMessage message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode m = root.putObject("message");
    m.put("token", token);
    ObjectNode data = m.putObject("data");
    message.data().forEach(data::put);
    ObjectNode android = m.putObject("android");
    android.put("priority", "high");
    android.put("ttl", "86400s");
    android.put("collapse_key", message.conversationId());
    return root.toString();
  }

  private PushResult result(HttpResponse<String> res) {
    int status = res.statusCode();
    if (status >= 200 && status < 300) {
      return new PushResult(PushResult.Outcome.SENT, status, null, null);
    }
    String code = errorCode(res.body());
    String reason = code != null ? code : PushResult.describe(status);
    if ("UNREGISTERED".equals(code) || status == 404) {
      return new PushResult(PushResult.Outcome.EXPIRED, status, null, reason);
    }
    if (status == 401) {
      tokens.invalidate();
      return new PushResult(PushResult.Outcome.RETRY, status, null, reason);
    }
    PushResult byStatus = PushResult.ofStatus(status, WebPushSender.retryAfter(res));
    PushResult.Outcome outcome =
        byStatus.outcome() == PushResult.Outcome.EXPIRED
            ? PushResult.Outcome.FAILED
            : byStatus.outcome();
    return new PushResult(outcome, status, byStatus.retryAfter(), reason);
  }

  /** FCM's {@code errorCode} from the error details, else the error {@code status}, else null. */
  static String errorCode(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      for (JsonNode d : error.path("details")) {
        if (d.hasNonNull("errorCode")) {
          return d.get("errorCode").asText();
        }
      }
      return error.hasNonNull("status") ? error.get("status").asText() : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
