package dev.messenger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.messaging.SendHook;
import dev.messenger.core.store.NewMessage;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.server.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The before-send hook of PROTOCOL.md section 8: POSTs {@code {"type": "message.before_send",
 * "data": {"conversationId", "senderId", "clientId", "body", "attachments"?, "replyTo"?,
 * "mentions"?}}} to {@code webhook-before-send-url}, signed like webhooks ({@link
 * WebhookSignature}), with the JDK's asynchronous {@link HttpClient}: {@link #check} never blocks,
 * so sends may call it on an event loop.
 *
 * <p>The 2xx answer {@code {"action": "allow"}}, {@code {"action": "reject", "reason"}} or {@code
 * {"action": "replace", "body"}} is the verdict. No answer within {@code
 * webhook-before-send-timeout}, a connection error, a non-2xx status, an answer over {@value
 * #MAX_ANSWER_BYTES} bytes or one that is not one of those three is a failure: with {@code
 * webhook-before-send-fail=open} the send is allowed, with {@code closed} it fails with {@code
 * unavailable}.
 *
 * <p>Bounded: at most {@value #MAX_IN_FLIGHT} calls are in flight on a node; a send beyond that
 * fails at once with {@code unavailable} (in either fail mode: an overloaded hook is no licence to
 * skip it). Counters for {@code /metrics}. Thread-safe.
 */
public final class BeforeSendHook implements SendHook {
  private static final Logger LOG = LoggerFactory.getLogger(BeforeSendHook.class);

  /** Most hook calls in flight at once on one node. */
  public static final int MAX_IN_FLIGHT = 256;

  /** Largest answer read; a longer one is a failure. */
  static final int MAX_ANSWER_BYTES = 262_144;

  /** Longest rejection reason passed on to the sender, in chars; the rest is cut. */
  static final int MAX_REASON_CHARS = 500;

  private final WebhookSettings settings;
  private final Clock clock;
  private final HttpClient http;
  private final URI uri;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong overflows = new AtomicLong();

  public BeforeSendHook(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.uri = URI.create(settings.beforeSendUrl());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.beforeSendTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public CompletableFuture<Verdict> check(NewMessage m) {
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      overflows.incrementAndGet();
      return CompletableFuture.failedFuture(
          new MessengerException(
              ErrorCode.UNAVAILABLE, "too many sends wait for the before-send hook; try again"));
    }
    calls.incrementAndGet();
    String body = request(m).toString();
    Duration timeout = settings.beforeSendTimeout();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.sign(settings.secret().reveal(), clock.millis() / 1000, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    CompletableFuture<HttpResponse<byte[]>> answer;
    try {
      answer = http.sendAsync(request, info -> Limited.subscriber());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (r, err) -> {
              inFlight.decrementAndGet();
              return verdict(m, r, err);
            })
        .thenCompose(v -> v);
  }

  /** The verdict of an answer, or the fail mode's outcome. */
  private CompletableFuture<Verdict> verdict(NewMessage m, HttpResponse<byte[]> r, Throwable err) {
    String problem;
    if (err != null) {
      problem = err.toString();
    } else if (r.statusCode() / 100 != 2) {
      problem = "HTTP " + r.statusCode();
    } else if (r.body() == null) {
      problem = "an answer over " + MAX_ANSWER_BYTES + " bytes";
    } else {
      try {
        Verdict v = parse(Wire.MAPPER.readTree(r.body()));
        if (v.action() == Verdict.Action.REJECT) {
          rejected.incrementAndGet();
        } else if (v.action() == Verdict.Action.REPLACE) {
          replaced.incrementAndGet();
        }
        return CompletableFuture.completedFuture(v);
      } catch (java.io.IOException | IllegalArgumentException e) {
        problem = "a bad answer: " + e.getMessage();
      }
    }
    failures.incrementAndGet();
    LOG.debug("before-send hook failed for {}/{}: {}", m.senderId(), m.clientId(), problem);
    if (settings.beforeSendFail() == WebhookSettings.FailMode.OPEN) {
      return CompletableFuture.completedFuture(Verdict.ALLOW);
    }
    return CompletableFuture.failedFuture(
        new MessengerException(
            ErrorCode.UNAVAILABLE, "the before-send hook did not answer; try again"));
  }

  /**
   * The verdict an answer gives.
   *
   * @throws IllegalArgumentException if it is none of allow, reject and replace
   */
  static Verdict parse(JsonNode answer) {
    String action = answer == null ? "" : answer.path("action").asText("");
    switch (action) {
      case "allow":
        return Verdict.ALLOW;
      case "reject":
        String reason = answer.path("reason").asText("");
        if (reason.isBlank()) {
          reason = "the message was rejected";
        }
        return new Verdict(
            Verdict.Action.REJECT,
            reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
      case "replace":
        if (!answer.path("body").isTextual()) {
          throw new IllegalArgumentException("replace without a text body");
        }
        return new Verdict(Verdict.Action.REPLACE, answer.path("body").asText());
      default:
        throw new IllegalArgumentException("no action allow, reject or replace");
    }
  }

  /** The request body for {@code m}. */
  static ObjectNode request(NewMessage m) {
    ObjectNode data = Wire.object();
    data.put("conversationId", m.conversationId())
        .put("senderId", m.senderId())
        .put("clientId", m.clientId())
        .put("body", m.body());
    if (!m.attachments().isEmpty()) {
      data.set("attachments", Wire.MAPPER.valueToTree(m.attachments()));
    }
    if (m.details().replyTo() != null) {
      data.put("replyTo", m.details().replyTo());
    }
    if (!m.details().mentions().isEmpty()) {
      data.set("mentions", Wire.MAPPER.valueToTree(m.details().mentions()));
    }
    ObjectNode out = Wire.object();
    out.put("type", "message.before_send");
    out.set("data", data);
    return out;
  }

  /** Calls made. */
  public long calls() {
    return calls.get();
  }

  /** Sends the hook rejected. */
  public long rejected() {
    return rejected.get();
  }

  /** Sends whose body the hook replaced. */
  public long replaced() {
    return replaced.get();
  }

  /** Calls that timed out or failed (then the fail mode decided). */
  public long failures() {
    return failures.get();
  }

  /** Sends refused because {@value #MAX_IN_FLIGHT} calls were in flight. */
  public long overflows() {
    return overflows.get();
  }

  /** Calls in flight now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Collects an answer up to {@value #MAX_ANSWER_BYTES} bytes; a longer one reads as null. */
  private static final class Limited {
    static HttpResponse.BodySubscriber<byte[]> subscriber() {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      boolean[] over = {false};
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofByteArrayConsumer(
              chunk -> {
                if (chunk.isPresent() && !over[0]) {
                  byte[] b = chunk.get();
                  if (buf.size() + b.length > MAX_ANSWER_BYTES) {
                    over[0] = true;
                  } else {
                    buf.write(b, 0, b.length);
                  }
                }
              }),
          v -> over[0] ? null : buf.toByteArray());
    }
  }
}
