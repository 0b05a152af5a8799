package dev.messenger.server.chat;

import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.store.AppendResult;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One connection's sends while a before-send hook decides about each (PROTOCOL.md section 8): the
 * hook calls of several sends run at once, but each append is queued on the store's writer only
 * after every earlier send of the connection was queued or refused, so seqs and {@code sent}
 * replies keep the order of the {@code send} frames (docs/protocol.md, "Order of replies") however
 * long each hook call takes.
 *
 * <p>Bounded by the session's {@code max-sends-in-flight}: a turn is taken only for a send counted
 * there. Not thread-safe: {@link #take} and {@link #skip} run on the session's serial executor;
 * {@link #store} may run on any thread and hands over to the serial executor.
 */
final class SendTurns {
  /** One send's place in line. */
  static final class Turn {
    private final CompletableFuture<AppendResult> result = new CompletableFuture<>();
    private Messaging.Vetted vetted;
    private Throwable failure;
    private boolean decided;
    private boolean skipped;
  }

  private final Executor serial;
  private final Messaging messaging;
  private final ArrayDeque<Turn> line = new ArrayDeque<>();

  SendTurns(Executor serial, Messaging messaging) {
    this.serial = serial;
    this.messaging = messaging;
  }

  /** The next send's turn, in frame order. */
  Turn take() {
    Turn t = new Turn();
    line.add(t);
    return t;
  }

  /**
   * Vets the send ({@code vet} calls {@link Messaging#vet}; any thread) and appends it in its turn.
   * The future completes once it is committed, or fails as vetting or the append failed.
   */
  CompletableFuture<AppendResult> store(
      Turn turn, Supplier<CompletableFuture<Messaging.Vetted>> vet) {
    CompletableFuture<Messaging.Vetted> v;
    try {
      v = vet.get();
    } catch (RuntimeException e) {
      v = CompletableFuture.failedFuture(e);
    }
    v.whenComplete(
        (vetted, err) ->
            serial.execute(
                () -> {
                  turn.vetted = vetted;
                  turn.failure = err;
                  turn.decided = true;
                  drain();
                }));
    return turn.result;
  }

  /** The send of {@code turn} will never be vetted (refused before); later ones go on. */
  void skip(Turn turn) {
    if (!turn.decided) {
      turn.decided = true;
      turn.skipped = true;
      drain();
    }
  }

  /** Sends waiting for their hook or their turn. */
  int size() {
    return line.size();
  }

  private void drain() {
    while (!line.isEmpty() && line.peek().decided) {
      Turn t = line.poll();
      if (t.skipped) {
        continue;
      }
      if (t.failure != null) {
        t.result.completeExceptionally(t.failure);
        continue;
      }
      messaging
          .commit(t.vetted)
          .whenComplete(
              (r, err) -> {
                if (err != null) {
                  t.result.completeExceptionally(err);
                } else {
                  t.result.complete(r);
                }
              });
    }
  }
}
