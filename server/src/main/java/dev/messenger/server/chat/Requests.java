package dev.messenger.server.chat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.server.wire.ClientFrame;
import dev.messenger.server.wire.ServerFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What the request frames {@code ack}, {@code history}, {@code sync}, {@code typing} and the
 * message changes ({@code edit}, {@code delete}, {@code react}, ...) do in the domain (PROTOCOL.md
 * section 3, "Client -> server"), as blocking calls for a session's worker queue: each returns the
 * reply frame, or null when the frame has none. Failures are {@link
 * dev.messenger.core.MessengerException}s, thrown or in the stage. Stateless and thread-safe.
 */
final class Requests {
  private Requests() {}

  /** The call for {@code frame}, or null if it is not one of these request frames. */
  static Supplier<CompletionStage<ServerFrame>> of(
      ClientFrame frame, Caller caller, ChatDomain domain) {
    if (frame instanceof ClientFrame.Ack a) {
      return () ->
          domain
              .receipts()
              .ack(caller, a.conversationId(), a.seq(), a.status())
              .thenApply(m -> null);
    } else if (frame instanceof ClientFrame.History h) {
      return () -> {
        var page = domain.messaging().history(caller.userId(), h.query());
        return done(
            new ServerFrame.History(
                h.ref(), h.query().conversationId(), page.messages(), page.hasMore()));
      };
    } else if (frame instanceof ClientFrame.Change c) {
      return () ->
          domain
              .changes()
              .change(caller, c.command())
              .thenApply(
                  r ->
                      new ServerFrame.Updated(
                          c.ref(),
                          c.command().conversationId(),
                          c.command().update().target(),
                          r.noop() ? null : r.entry().seq(),
                          r.noop() ? null : r.entry().ts()));
    } else if (frame instanceof ClientFrame.Sync s) {
      return () ->
          done(new ServerFrame.Synced(s.ref(), domain.conversations().list(caller.userId())));
    } else if (frame instanceof ClientFrame.Typing t) {
      return () -> {
        domain.typing().relay(caller, t.conversationId(), t.state());
        return done(null);
      };
    }
    return null;
  }

  private static CompletionStage<ServerFrame> done(ServerFrame frame) {
    return CompletableFuture.completedFuture(frame);
  }
}
