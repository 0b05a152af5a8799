package dev.messenger.core.testing;

import dev.messenger.core.accounts.Device;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PushSender} that records every push and answers with the results queued by {@link
 * #answer} (then {@code 201}). Thread-safe.
 */
public final class RecordingPushSender implements PushSender {
  /** One push as the dispatcher asked for it: the endpoint or token, the JSON, the message. */
  public record Sent(String endpoint, String payload, String topic, PushMessage message) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<CompletableFuture<PushResult>> held =
      new ConcurrentLinkedDeque<>();
  private volatile boolean holdNext;

  /** The next send is not answered until {@link #release} is called. */
  public void holdNext() {
    holdNext = true;
  }

  /** Answers the oldest held send with {@code status}; false if none is held yet. */
  public boolean release(int status) {
    CompletableFuture<PushResult> f = held.poll();
    if (f == null) {
      return false;
    }
    f.complete(PushResult.ofStatus(status, null));
    return true;
  }

  /** The next sends are answered with these HTTP statuses, in order. */
  public void answer(Integer... s) {
    statuses.addAll(List.of(s));
  }

  /** Everything sent so far, in order. */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    CompletableFuture<PushResult> answer;
    if (holdNext) {
      holdNext = false;
      answer = new CompletableFuture<>();
      held.add(answer);
    } else {
      Integer status = statuses.poll();
      answer =
          CompletableFuture.completedFuture(
              PushResult.ofStatus(status == null ? 201 : status, null));
    }
    // Recorded after a held answer is queued: a test that sees this send can release it at once.
    sent.add(
        new Sent(
            subscription.endpoint(),
            new String(message.json(), java.nio.charset.StandardCharsets.UTF_8),
            message.conversationId(),
            message));
    return answer;
  }
}
