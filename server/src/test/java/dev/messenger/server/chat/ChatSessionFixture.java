package dev.messenger.server.chat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.core.testing.CoreFixture;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat sessions over the core services on fakes ({@link CoreFixture}): a direct serial executor, a
 * {@link ManualExecutor} as worker pool (direct unless a test holds it), a fake clock and timers,
 * and a {@link RecordingOutbound} per session. One per test.
 */
final class ChatSessionFixture {
  final CoreFixture core = new CoreFixture();
  final ManualExecutor workers = new ManualExecutor();
  final Executor serial = Runnable::run;
  private final AtomicInteger ids = new AtomicInteger();

  ChatSessionFixture() {
    workers.direct = true;
  }

  /** A connected session and what it was sent. */
  record Open(ChatSession session, RecordingOutbound out) {
    void text(String json) {
      session.onText(json);
    }
  }

  static SessionLimits limits() {
    return new SessionLimits(8, 4, 4, 4, 10, 0, Duration.ofSeconds(10));
  }

  Open open(Caller caller) {
    return open(caller, limits(), FloodGate.OPEN);
  }

  /** Opens and starts a session (ready follows once the worker pool ran the start). */
  Open open(Caller caller, SessionLimits limits, FloodGate gate) {
    RecordingOutbound out = new RecordingOutbound();
    ChatDomain domain =
        new ChatDomain(
            core.messaging,
            core.changes,
            core.receipts,
            core.conversations,
            core.typing,
            core.presence,
            core.bus);
    ChatSession s =
        new ChatSession(
            "s" + ids.incrementAndGet(),
            caller,
            out,
            serial,
            workers,
            domain,
            core.clock,
            core.timers,
            limits,
            gate,
            SessionMetrics.NONE,
            () -> {});
    out.session = s;
    s.start();
    return new Open(s, out);
  }

  static String send(String conversationId, String clientId, String body) {
    return "{\"type\":\"send\",\"ref\":\""
        + clientId
        + "\",\"conversationId\":\""
        + conversationId
        + "\",\"clientId\":\""
        + clientId
        + "\",\"body\":\""
        + body
        + "\"}";
  }
}
