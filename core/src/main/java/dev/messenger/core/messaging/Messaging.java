package dev.messenger.core.messaging;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.conversations.Access;
import dev.messenger.core.conversations.Conversation;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.conversations.Member;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The send path and history (PROTOCOL.md "Messages", WebSocket {@code send}/{@code history}, and
 * DESIGN.md "The send path"): validate, check membership, append through the store's group-commit
 * writer, then ring every member's doorbell. Thread-safe. {@link #send} blocks briefly on store
 * reads (call it off the event loop) but never waits for the commit: the future completes when the
 * message is durable. Failures are {@link MessengerException}s, thrown or in the future.
 */
public final class Messaging {
  /** Most messages one history page returns (PROTOCOL.md: limit 1-200). */
  public static final int MAX_PAGE = 200;

  public static final int DEFAULT_PAGE = 50;

  private final MessageStore store;
  private final Conversations conversations;
  private final Access access;
  private final Fanout fanout;
  private final Clock clock;
  private final int maxMessageChars;

  /**
   * @param maxMessageChars longest body in code points (setting {@code max-message-chars})
   */
  public Messaging(
      MessageStore store,
      Conversations conversations,
      Fanout fanout,
      Clock clock,
      int maxMessageChars) {
    this.store = store;
    this.conversations = conversations;
    this.access = new Access(store);
    this.fanout = fanout;
    this.clock = clock;
    this.maxMessageChars = maxMessageChars;
  }

  /**
   * Stores a message and fans it out. The future completes once the message is committed, with the
   * stored message (or the original one for an idempotent resend).
   */
  public CompletableFuture<AppendResult> send(Caller caller, SendCommand cmd) {
    Text.requireLength("clientId", cmd.clientId(), 1, 64);
    if (cmd.body() == null) {
      throw MessengerException.badRequest("body is required");
    }
    if (Text.codePoints(cmd.body()) > maxMessageChars) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "body is longer than " + maxMessageChars + " characters");
    }
    if (!cmd.attachments().isEmpty()) {
      throw MessengerException.badRequest("attachments are not supported by this server yet");
    }
    if (cmd.body().isBlank()) {
      throw MessengerException.badRequest("body must not be empty");
    }
    if ((cmd.conversationId() == null) == (cmd.to() == null)) {
      throw MessengerException.badRequest("give exactly one of conversationId and to");
    }
    String conversationId =
        cmd.to() != null
            ? conversations.directWith(caller.userId(), cmd.to()).join().id()
            : cmd.conversationId();
    access.requireActive(conversationId, caller.userId());
    List<Member> members = store.activeMembers(conversationId);
    NewMessage m =
        new NewMessage(
            conversationId,
            caller.userId(),
            cmd.clientId(),
            clock.millis(),
            cmd.body(),
            cmd.attachments());
    return store
        .append(m)
        .thenApply(
            r -> {
              if (!r.duplicate()) {
                fanout.toMembers(
                    members, new BusEvent.MessageStored(r.message(), caller.deviceId()));
              }
              return r;
            });
  }

  /**
   * A page of the conversation's history that the caller may see (from its join on). {@code before}
   * and {@code after} are exclusive seqs, at most one of them given; {@code limit} is 1-200,
   * default 50.
   */
  public HistoryPage history(
      String userId, String conversationId, Long before, Long after, Integer limit) {
    if (before != null && after != null) {
      throw MessengerException.badRequest("give at most one of before and after");
    }
    int n = limit == null ? DEFAULT_PAGE : limit;
    if (n < 1 || n > MAX_PAGE) {
      throw MessengerException.badRequest("limit must be 1-" + MAX_PAGE);
    }
    if ((before != null && before < 1) || (after != null && after < 0)) {
      throw MessengerException.badRequest("before must be >= 1 and after >= 0");
    }
    Member member = access.requireActive(conversationId, userId);
    List<Message> rows = store.messages(conversationId, member.joinedSeq(), before, after, n + 1);
    boolean hasMore = rows.size() > n;
    if (!hasMore) {
      return new HistoryPage(rows, false);
    }
    return new HistoryPage(
        after != null ? rows.subList(0, n) : rows.subList(rows.size() - n, rows.size()), true);
  }

  /**
   * Messages of a conversation strictly between two seqs that {@code userId} may see, ascending;
   * used by sessions to fill a gap in what they delivered. Empty if the user may not see them.
   */
  public List<Message> between(
      String userId, String conversationId, long afterSeq, long beforeSeq) {
    var member = store.member(conversationId, userId);
    if (member.isEmpty() || !member.get().active() || beforeSeq - afterSeq <= 1) {
      return List.of();
    }
    int n = (int) Math.min(MAX_PAGE * 5L, beforeSeq - afterSeq - 1);
    return store.messages(conversationId, member.get().joinedSeq(), beforeSeq, afterSeq, n);
  }

  /** The lastSeq of every conversation the user is an active member of, by conversation id. */
  public Map<String, Long> lastSeqs(String userId) {
    Map<String, Long> out = new HashMap<>();
    for (Conversation c : store.conversationsOf(userId)) {
      out.put(c.id(), c.lastSeq());
    }
    return out;
  }

  /** The conversation, if the user is an active member (used by the edge). */
  public Conversation conversationFor(String userId, String conversationId) {
    access.requireActive(conversationId, userId);
    return store.conversation(conversationId).orElseThrow();
  }
}
