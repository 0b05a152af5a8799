package dev.messenger.core.messaging;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.conversations.Access;
import dev.messenger.core.model.Changes;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.Update;
import dev.messenger.core.store.ConversationStore;
import dev.messenger.core.store.MessageLog;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.store.UpdateLog;
import dev.messenger.core.store.UpdateResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages that change (PROTOCOL.md section 4): edits, deletes, reactions and pins as update
 * entries, the current state of one message, and "read by". Checks visibility here ({@code
 * not_found} for a target the caller cannot see), then the store runs {@link Changes#changes} in
 * the update's transaction; a committed entry is fanned out to the members like any message (and so
 * reaches other devices live, in {@code history}, gap fill and {@code sync}); update entries never
 * push. Thread-safe; blocks on store reads (call off the event loop). {@link #change} reports every
 * failure in its future as a {@link MessengerException}; the reads throw them.
 */
public final class MessageChanges {
  private final ConversationStore store;
  private final MessageLog log;
  private final UpdateLog updates;
  private final Access access;
  private final Fanout fanout;
  private final Clock clock;
  private final int maxMessageChars;
  private final Changes.Windows windows;

  /**
   * @param maxMessageChars longest edited body in code points (setting {@code max-message-chars})
   * @param windows settings {@code edit-window} and {@code delete-window}
   */
  public MessageChanges(
      ConversationStore store,
      MessageLog log,
      UpdateLog updates,
      Fanout fanout,
      Clock clock,
      int maxMessageChars,
      Changes.Windows windows) {
    this.store = store;
    this.log = log;
    this.updates = updates;
    this.access = new Access(store);
    this.fanout = fanout;
    this.clock = clock;
    this.maxMessageChars = maxMessageChars;
    this.windows = windows;
  }

  /**
   * Applies the change: the future holds the stored update entry (null for a no-op that stored
   * nothing) and the target's new state, once committed.
   */
  public CompletableFuture<UpdateResult> change(Caller caller, UpdateCommand cmd) {
    return Futures.attempt(
        () -> {
          Update u = cmd.update();
          if (u.body() != null && Text.codePoints(u.body()) > maxMessageChars) {
            throw new MessengerException(
                ErrorCode.TOO_LARGE, "body is longer than " + maxMessageChars + " characters");
          }
          Member self = visible(caller.userId(), cmd.conversationId(), u.target());
          Conversation.Kind kind = store.conversation(cmd.conversationId()).orElseThrow().kind();
          long now = clock.millis();
          NewUpdate entry =
              new NewUpdate(cmd.conversationId(), caller.userId(), caller.deviceId(), now, u);
          return updates
              .update(entry, state -> Changes.changes(u, state, self, kind, now, windows))
              .thenApply(
                  r -> {
                    if (!r.noop()) {
                      fanout.toMembers(
                          store.fanoutMembers(cmd.conversationId()),
                          new BusEvent.MessageStored(r.entry()));
                    }
                    return r;
                  });
        });
  }

  /**
   * The message at {@code seq} in its current state (an update entry too), if the caller can see
   * it.
   *
   * @throws MessengerException {@code not_found} or {@code forbidden} as {@link Access} says, and
   *     {@code not_found} for a seq the caller cannot see
   */
  public Message message(String userId, String conversationId, long seq) {
    visible(userId, conversationId, seq);
    return log.message(conversationId, seq)
        .orElseThrow(() -> MessengerException.notFound("no such message"));
  }

  /**
   * "Read by": the other members whose cursors reached the message at {@code seq}.
   *
   * @throws MessengerException as {@link #message}
   */
  public ReadBy readBy(String userId, String conversationId, long seq) {
    Message m = message(userId, conversationId, seq);
    List<String> delivered = new ArrayList<>();
    List<String> read = new ArrayList<>();
    for (Member member : store.activeMembers(conversationId)) {
      if (member.userId().equals(m.senderId())) {
        continue;
      }
      if (member.deliveredSeq() >= seq) {
        delivered.add(member.userId());
      }
      if (member.readSeq() >= seq) {
        read.add(member.userId());
      }
    }
    return new ReadBy(delivered, read);
  }

  /** The caller's membership, if it may see {@code seq}; else the error to answer. */
  private Member visible(String userId, String conversationId, long seq) {
    Member self = access.requireActive(conversationId, userId);
    long lastSeq = store.conversation(conversationId).map(Conversation::lastSeq).orElse(0L);
    if (seq < self.firstVisibleSeq() || seq > lastSeq) {
      throw MessengerException.notFound("no such message");
    }
    return self;
  }
}
