package dev.messenger.core.messaging;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.blocking.BlockRule;
import dev.messenger.core.blocking.DirectBlock;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.conversations.Access;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.ConversationStore;
import dev.messenger.core.store.MessageLog;
import dev.messenger.core.store.NewMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send path and history (PROTOCOL.md "Messages", WebSocket {@code send}/{@code history}, and
 * DESIGN.md "The send path"): validate, check membership, append through the store's group-commit
 * writer, then ring every member's doorbell. Thread-safe. {@link #send} blocks briefly on store
 * reads (call it off the event loop) but never waits for the commit: the future completes when the
 * message is durable. {@link #send} reports every failure as a {@link MessengerException} in its
 * future, never by throwing; the reads ({@link #history} and the others) throw them.
 */
public final class Messaging {
  private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);

  private final ConversationStore store;
  private final MessageLog log;
  private final Conversations conversations;
  private final Access access;
  private final Fanout fanout;
  private final Clock clock;
  private final int maxMessageChars;
  private final AttachmentResolver attachments;
  private final StoredMessageListener listener;
  private final BlockRule blocks;
  private final SendHook hook;

  /**
   * A send that passed every rule and the {@link SendHook}, ready for {@link #commit}: the message
   * to append and the members to tell. Opaque to callers.
   */
  public record Vetted(NewMessage message, List<Member> members) {}

  /**
   * Without media or push: attachments are refused.
   *
   * @param store conversations and membership: who may send, whom to tell
   * @param log where messages are appended and read
   * @param maxMessageChars longest body in code points (setting {@code max-message-chars})
   */
  public Messaging(
      ConversationStore store,
      MessageLog log,
      Conversations conversations,
      Fanout fanout,
      Clock clock,
      int maxMessageChars) {
    this(
        store,
        log,
        conversations,
        fanout,
        clock,
        maxMessageChars,
        AttachmentResolver.NONE,
        StoredMessageListener.NONE,
        BlockRule.NONE,
        SendHook.NONE);
  }

  /**
   * @param store conversations and membership: who may send, whom to tell
   * @param log where messages are appended and read
   * @param maxMessageChars longest body in code points (setting {@code max-message-chars})
   * @param attachments checks and describes the media ids of a send
   * @param listener told about each new message after its commit (the push queue)
   * @param blocks no send in a direct conversation while either user blocks the other (PROTOCOL.md
   *     section 6)
   * @param hook checks each send before it is stored (PROTOCOL.md section 8, "Before-send hook")
   */
  public Messaging(
      ConversationStore store,
      MessageLog log,
      Conversations conversations,
      Fanout fanout,
      Clock clock,
      int maxMessageChars,
      AttachmentResolver attachments,
      StoredMessageListener listener,
      BlockRule blocks,
      SendHook hook) {
    this.hook = hook;
    this.store = store;
    this.log = log;
    this.conversations = conversations;
    this.access = new Access(store);
    this.fanout = fanout;
    this.clock = clock;
    this.maxMessageChars = maxMessageChars;
    this.attachments = attachments;
    this.listener = listener;
    this.blocks = blocks;
  }

  /**
   * Stores a message and fans it out: {@link #vet}, then {@link #commit}. The future completes once
   * the message is committed, with the stored message (or the original one for an idempotent
   * resend).
   */
  public CompletableFuture<AppendResult> send(Caller caller, SendCommand cmd) {
    return vet(caller, cmd).thenCompose(this::commit);
  }

  /**
   * Checks a send and asks the {@link SendHook}; stores nothing. The command's own rules were
   * checked when it was built ({@link SendCommand}); here: the body is at most {@code
   * maxMessageChars} code points ({@code too_large}) and not blank unless there are attachments
   * ({@code bad_request}), checked in that order. Attachments are media ids the sender may read
   * (repeated ids counted once); an id the sender may not read is {@code not_found}. Then the hook
   * decides: a rejection fails with {@code forbidden} and the hook's reason; a replaced body is
   * checked again by the rules above. Blocks briefly on store reads unless {@link
   * #sendsWithoutBlocking}; never waits for the hook (the future completes with its answer). Every
   * failure is a {@link MessengerException} in the future.
   */
  public CompletableFuture<Vetted> vet(Caller caller, SendCommand cmd) {
    String body;
    try {
      body = validBody(cmd.body(), !cmd.attachments().isEmpty(), cmd.forward() != null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (cmd.to() == null) {
      return Futures.attempt(() -> check(caller, cmd, cmd.conversationId(), body));
    }
    // Usually already complete (the conversation exists). When this send creates it, the rest runs
    // on the store's completion thread: a membership read and the attachment check, once per pair.
    return conversations
        .directWith(caller.userId(), cmd.to())
        .thenCompose(c -> check(caller, cmd, c.id(), body));
  }

  /**
   * Appends a vetted send and, once committed, fans it out. Never blocks: the append is queued on
   * the store's writer in call order, so sends committed in the order of these calls.
   */
  public CompletableFuture<AppendResult> commit(Vetted v) {
    return log.append(v.message())
        .thenApply(
            r -> {
              if (!r.duplicate()) {
                fanout.toMembers(v.members(), new BusEvent.MessageStored(r.message()));
                try {
                  listener.stored(r.message(), v.members());
                } catch (RuntimeException e) {
                  LOG.warn("stored-message listener failed", e);
                }
              }
              return r;
            });
  }

  /** True if a {@link SendHook} other than {@link SendHook#NONE} decides about each send. */
  public boolean hooked() {
    return hook != SendHook.NONE;
  }

  /**
   * The body to store: checked against the limits, empty (not null) when there are only
   * attachments.
   *
   * @throws MessengerException {@code bad_request} or {@code too_large}
   */
  private String validBody(String body, boolean hasAttachments, boolean forward) {
    if (forward) {
      return ""; // the forwarded message's body, taken when appending
    }
    if (Text.codePoints(body) > maxMessageChars) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "body is longer than " + maxMessageChars + " characters");
    }
    // After the length check, so an over-long blank body stays too_large.
    if (body.isBlank() && !hasAttachments) {
      throw MessengerException.badRequest("body must not be empty");
    }
    return body;
  }

  /**
   * The command with {@code to} replaced by its direct conversation, opened first if needed
   * (blocking: call off the event loop). The edge uses it so that a connection's later frames
   * append after this send, which {@link #send} alone does not promise for a {@code to} send.
   *
   * @throws MessengerException as {@link Conversations#directWith} fails (unwrapped)
   */
  public SendCommand inConversation(String userId, SendCommand cmd) {
    if (cmd.to() == null) {
      return cmd;
    }
    Conversation c;
    try {
      c = conversations.directWith(userId, cmd.to()).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw MessengerException.unwrap(e);
    }
    return new SendCommand(
        c.id(),
        null,
        cmd.clientId(),
        cmd.forward() == null ? cmd.body() : null,
        cmd.attachments(),
        cmd.replyTo(),
        cmd.mentions(),
        cmd.forward());
  }

  /**
   * True if {@link #send} of {@code cmd} would not block: it names a conversation whose members are
   * cached and carries no attachments, reply or forward (whose checks read the store). The edge may
   * then call it on an event loop.
   */
  public boolean sendsWithoutBlocking(SendCommand cmd) {
    return cmd.to() == null
        && cmd.attachments().isEmpty()
        && cmd.replyTo() == null
        && cmd.forward() == null
        && store.fanoutMembersCached(cmd.conversationId());
  }

  /**
   * Checks membership and attachments, then asks the hook.
   *
   * @throws MessengerException if the sender may not send there or may not attach the media
   */
  private CompletableFuture<Vetted> check(
      Caller caller, SendCommand cmd, String conversationId, String body) {
    boolean hasAttachments = !cmd.attachments().isEmpty();
    // One read serves both the membership check and the fan-out list; the access rule gives the
    // precise error (not_found or forbidden) only when the sender is not in it.
    List<Member> members = store.fanoutMembers(conversationId);
    Member self =
        members.stream()
            .filter(x -> x.userId().equals(caller.userId()))
            .findFirst()
            .orElseGet(
                () -> {
                  access.requireActive(conversationId, caller.userId());
                  throw MessengerException.notFound("no such conversation");
                });
    DirectBlock.check(blocks, store, conversationId, caller.userId(), members);
    List<Attachment> media =
        hasAttachments
            ? attachments.resolve(caller.userId(), cmd.attachments().stream().distinct().toList())
            : List.of();
    if (cmd.replyTo() != null) {
      visibleText(self, cmd.replyTo(), "no such message to reply to");
    }
    for (String mentioned : cmd.mentions()) {
      if (members.stream().noneMatch(x -> x.userId().equals(mentioned))) {
        throw MessengerException.badRequest("mentions must be members of the conversation");
      }
    }
    if (cmd.forward() != null) {
      Message source = forwarded(caller.userId(), cmd.forward());
      body = source.body();
      media = source.attachments();
    }
    NewMessage m =
        new NewMessage(
            conversationId,
            caller.userId(),
            caller.deviceId(),
            cmd.clientId(),
            clock.millis(),
            body,
            media,
            MessageDetails.sent(cmd.replyTo(), cmd.mentions(), cmd.forward() != null));
    if (hook == SendHook.NONE) {
      return CompletableFuture.completedFuture(new Vetted(m, members));
    }
    return hook.check(m).thenApply(verdict -> new Vetted(decided(m, verdict), members));
  }

  /**
   * The message a hook's verdict leaves.
   *
   * @throws MessengerException {@code forbidden} with the reason for a rejection; for a replaced
   *     body the errors of {@link #validBody} and {@code bad_request} for NUL or unpaired
   *     surrogates
   */
  private NewMessage decided(NewMessage m, SendHook.Verdict verdict) {
    return switch (verdict.action()) {
      case ALLOW -> m;
      case REJECT -> throw MessengerException.forbidden(verdict.text());
      case REPLACE ->
          new NewMessage(
              m.conversationId(),
              m.senderId(),
              m.senderDeviceId(),
              m.clientId(),
              m.ts(),
              validBody(
                  Text.requireClean("body", verdict.text()), !m.attachments().isEmpty(), false),
              m.attachments(),
              m.details());
    };
  }

  /**
   * The {@code text} message at {@code seq} that {@code member} can see (from its join on, above
   * what it cleared), deleted or not.
   *
   * @throws MessengerException {@code not_found} with {@code what} otherwise
   */
  private Message visibleText(Member member, long seq, String what) {
    if (seq < member.firstVisibleSeq()) {
      throw MessengerException.notFound(what);
    }
    return log.message(member.conversationId(), seq)
        .filter(x -> x.kind() == Message.Kind.TEXT)
        .orElseThrow(() -> MessengerException.notFound(what));
  }

  /**
   * The message a forward copies: one the sender can see in a conversation it is in, {@code text},
   * not deleted.
   *
   * @throws MessengerException {@code not_found} otherwise
   */
  private Message forwarded(String userId, SendCommand.Forward f) {
    String what = "no such message to forward";
    Member member =
        store
            .member(f.conversationId(), userId)
            .filter(Member::active)
            .orElseThrow(() -> MessengerException.notFound(what));
    Message source = visibleText(member, f.seq(), what);
    if (source.details().deleted()) {
      throw MessengerException.notFound(what);
    }
    return source;
  }

  /**
   * Shorthand for {@link #history(String, HistoryQuery)} with {@link HistoryQuery#of}.
   *
   * @throws MessengerException {@code bad_request} for arguments {@link HistoryQuery} refuses
   */
  public HistoryPage history(
      String userId, String conversationId, Long before, Long after, Integer limit) {
    return history(
        userId,
        HistoryQuery.of(conversationId, before, after, limit == null ? null : limit.longValue()));
  }

  /**
   * A page of the conversation's history that the caller may see (from its join on, above what it
   * cleared for itself), every message in its current state, update entries included: see {@link
   * HistoryQuery} for the paging rules. Blocks on a store read; {@code not_found} or {@code
   * forbidden} when the caller is not an active member.
   */
  public HistoryPage history(String userId, HistoryQuery query) {
    String conversationId = query.conversationId();
    Long before = query.before();
    Long after = query.after();
    int n = query.limit();
    Member member = access.requireActive(conversationId, userId);
    List<Message> rows =
        log.messages(conversationId, member.firstVisibleSeq(), before, after, n + 1);
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
    int n = (int) Math.min(HistoryQuery.MAX_LIMIT * 5L, beforeSeq - afterSeq - 1);
    return log.messages(conversationId, member.get().joinedSeq(), beforeSeq, afterSeq, n);
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
