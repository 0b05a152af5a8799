package dev.messenger.server.chat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Timers;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.store.AppendResult;
import dev.messenger.server.wire.ClientFrame;
import dev.messenger.server.wire.FrameCodec;
import dev.messenger.server.wire.ServerFrame;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of one device, whatever carries it (PROTOCOL.md section 3): decodes client frames,
 * calls the domain, and writes server frames to an {@link Outbound} port. It knows no socket
 * library.
 *
 * <p>Threading: every method runs on the session's serial executor (the connection's event loop in
 * production, a direct executor in tests). Blocking domain calls run on the worker pool through
 * {@link OrderedWork}, in the order their frames arrived, and their results come back through the
 * serial executor.
 *
 * <p>Handshake: {@code ready} goes out only once the doorbell subscription is in effect and the
 * delivery cursors are loaded, so every message committed after {@code ready} reaches this
 * connection; doorbells that ring earlier wait in a bounded buffer ({@link SessionLimits}).
 *
 * <p>Bounds and overflow actions: a full outbound queue closes with 1008 (slow consumer); too many
 * queued frames or unanswered sends get {@code rate_limited}; a full worker pool gets {@code
 * unavailable}; see {@link SessionLimits} for the rest.
 */
public final class ChatSession {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);

  /** The protocol version announced in {@code ready}. */
  public static final int PROTOCOL = 2;

  private final String id;
  private final Caller caller;
  private final Outbound out;
  private final Executor serial;
  private final ChatDomain domain;
  private final Clock clock;
  private final SessionLimits limits;
  private final FloodGate gate;
  private final SessionMetrics metrics;
  private final Runnable onEnd;
  private final OrderedWork work;
  private final Delivery delivery;
  private final PresenceWatch presence;
  private final LifecycleTasks lifecycle;

  /** Non-null when a before-send hook decides about each send. */
  private final SendTurns turns;

  private final EarlyEvents early;
  private final Strikes strikes;
  private Bus.Subscription userSubscription;
  private int sendsInFlight;
  private long lastInboundMillis;
  private boolean closed;

  /**
   * @param id this connection's id (presence counts connections by it)
   * @param serial runs one task at a time, in order: the session's only thread at any moment
   * @param workers the shared, bounded worker pool for blocking calls; may throw {@link
   *     java.util.concurrent.RejectedExecutionException} when full
   * @param timers schedules retries; their tasks may run on any thread
   * @param onEnd called once, on the serial executor, when the connection closed
   */
  public ChatSession(
      String id,
      Caller caller,
      Outbound out,
      Executor serial,
      Executor workers,
      ChatDomain domain,
      Clock clock,
      Timers timers,
      SessionLimits limits,
      FloodGate gate,
      SessionMetrics metrics,
      Runnable onEnd) {
    this.id = id;
    this.caller = caller;
    this.out = out;
    this.serial = serial;
    this.domain = domain;
    this.clock = clock;
    this.limits = limits;
    this.gate = gate;
    this.metrics = metrics;
    this.onEnd = onEnd;
    this.lastInboundMillis = clock.millis();
    this.work = new OrderedWork(serial, workers, limits.maxQueuedFrames());
    this.early = new EarlyEvents(limits.maxEarlyEvents());
    this.strikes = new Strikes(limits.abuseStrikes(), limits.strikeWindow());
    this.lifecycle = new LifecycleTasks(workers, timers);
    this.turns = domain.messaging().hooked() ? new SendTurns(serial, domain.messaging()) : null;
    this.delivery =
        new Delivery(
            caller.userId(),
            caller.deviceId(),
            domain.messaging()::between,
            serial,
            workers,
            (delay, task) -> timers.schedule(delay, () -> serial.execute(task)),
            limits.maxParkedPerConversation(),
            this::emitMessage);
    this.presence =
        new PresenceWatch(
            caller.userId(), domain.presence(), domain.bus(), serial, this::onEvent, this::send);
  }

  public String id() {
    return id;
  }

  public Caller caller() {
    return caller;
  }

  /** Milliseconds since the client last sent anything. Safe from any thread (a stale read). */
  public long idleMillis() {
    return clock.millis() - lastInboundMillis;
  }

  /** Subscribes the doorbell, then (off the serial executor) registers presence and sends ready. */
  public void start() {
    userSubscription =
        domain.bus().subscribe(Topics.user(caller.userId()), e -> serial.execute(() -> onEvent(e)));
    Runnable overloaded = () -> out.close(CloseCode.TRY_AGAIN_LATER, "server overloaded");
    Runnable begin =
        () -> {
          Map<String, Long> lastSeqs = Map.of();
          try {
            domain.bus().awaitSubscriptions();
            domain.presence().connected(caller.userId(), id);
            lastSeqs = domain.messaging().lastSeqs(caller.userId());
          } finally {
            Map<String, Long> start = lastSeqs;
            serial.execute(() -> ready(start));
          }
        };
    if (!work.offer(OrderedWork.job(begin, overloaded))) {
      overloaded.run();
    }
  }

  /**
   * Starts each conversation's delivery cursor at its lastSeq as of now (earlier messages come from
   * {@code sync} and {@code history}), sends {@code ready}, then handles the doorbells that rang
   * meanwhile; one that came out of order is caught by the gap fill.
   */
  private void ready(Map<String, Long> lastSeqs) {
    if (closed) {
      return;
    }
    delivery.startAt(lastSeqs);
    send(new ServerFrame.Ready(caller.userId(), caller.deviceId(), PROTOCOL, clock.millis()));
    early.release().forEach(this::onEvent);
    if (early.overflowed()) {
      delivery.recheck();
    }
  }

  /** A complete text message from the client (the transport {@link #touch touched} first). */
  public void onText(String text) {
    if (closed) {
      return;
    }
    metrics.frameIn();
    FrameCodec.Decoded decoded = FrameCodec.decode(text);
    if (!gate.tryFrame()) {
      rateLimited(decoded.ref(), "too many frames");
      return;
    }
    if (decoded instanceof FrameCodec.Invalid bad) {
      error(bad.ref(), ErrorCode.BAD_REQUEST, bad.message());
      return;
    }
    handle(((FrameCodec.Valid) decoded).frame());
  }

  /** The transport refused a message (binary, bad UTF-8, ...): {@code bad_request}. */
  public void onRefused(String message) {
    error(null, ErrorCode.BAD_REQUEST, message);
  }

  /** Any inbound traffic (control frames too) counts against the idle timeout. */
  public void touch() {
    lastInboundMillis = clock.millis();
  }

  private void handle(ClientFrame frame) {
    if (frame instanceof ClientFrame.Ping p) {
      send(new ServerFrame.Pong(p.ref()));
    } else if (frame instanceof ClientFrame.Send s) {
      onSend(s);
    } else if (frame instanceof ClientFrame.PresenceSubscribe ps) {
      if (!presence.canWatch(ps.userIds().size(), limits.maxPresenceSubscriptions())) {
        error(
            ps.ref(),
            ErrorCode.TOO_LARGE,
            "at most " + limits.maxPresenceSubscriptions() + " presence subscriptions");
        return;
      }
      reply(ps.ref(), () -> presence.subscribe(ps.userIds()), () -> {});
    } else if (frame instanceof ClientFrame.PresenceUnsubscribe pu) {
      presence.unsubscribe(pu.userIds());
    } else {
      reply(frame.ref(), Requests.of(frame, caller, domain), () -> {});
    }
  }

  private void onSend(ClientFrame.Send s) {
    if (!gate.trySend()) {
      rateLimited(s.ref(), "too many messages");
      return;
    }
    if (sendsInFlight >= limits.maxSendsInFlight()) {
      error(s.ref(), ErrorCode.RATE_LIMITED, "too many sends waiting for their commit");
      return;
    }
    sendsInFlight++;
    SendCommand cmd = s.command();
    var messaging = domain.messaging();
    Runnable release;
    Supplier<CompletionStage<AppendResult>> store;
    if (turns == null) {
      release = () -> sendsInFlight--;
      store = () -> messaging.send(caller, messaging.inConversation(caller.userId(), cmd));
    } else {
      // A before-send hook: the hook calls run at once, the appends in frame order.
      SendTurns.Turn turn = turns.take();
      release =
          () -> {
            sendsInFlight--;
            turns.skip(turn);
          };
      store =
          () ->
              turns.store(
                  turn,
                  () -> messaging.vet(caller, messaging.inConversation(caller.userId(), cmd)));
    }
    Supplier<CompletionStage<ServerFrame>> call =
        () ->
            store
                .get()
                .thenApply(
                    r -> {
                      if (!r.duplicate()) {
                        metrics.sent();
                      }
                      var m = r.message();
                      return new ServerFrame.Sent(
                          s.ref(), m.clientId(), m.conversationId(), m.seq(), m.ts());
                    });
    if (work.size() == 0 && domain.messaging().sendsWithoutBlocking(cmd)) {
      // Nothing of this connection waits for a worker and the send reads nothing: append right
      // here, in frame order, without a hop to the worker pool.
      call(s.ref(), call, release);
    } else {
      reply(s.ref(), call, release);
    }
  }

  /**
   * Queues {@code call} on the ordered worker queue ({@link #call} there); when the queue is full
   * answers {@code rate_limited}, when the pool refuses it {@code unavailable}, and runs {@code
   * release} either way.
   */
  private void reply(
      String ref,
      Supplier<? extends CompletionStage<? extends ServerFrame>> call,
      Runnable release) {
    Runnable refused =
        () -> {
          release.run();
          error(ref, ErrorCode.UNAVAILABLE, "the server is overloaded; try again");
        };
    if (!work.offer(OrderedWork.job(() -> call(ref, call, release), refused))) {
      release.run();
      error(ref, ErrorCode.RATE_LIMITED, "too many requests in flight");
    }
  }

  /**
   * Calls {@code call} and, on the serial executor once it completed, runs {@code release} and
   * writes its reply frame (null: none) or error.
   */
  private void call(
      String ref,
      Supplier<? extends CompletionStage<? extends ServerFrame>> call,
      Runnable release) {
    CompletionStage<? extends ServerFrame> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete(
        (frame, err) ->
            serial.execute(
                () -> {
                  release.run();
                  answered(ref, frame, err);
                }));
  }

  private void answered(String ref, ServerFrame frame, Throwable err) {
    if (err != null) {
      MessengerException me = MessengerException.unwrap(err);
      if (me.code() == ErrorCode.INTERNAL) {
        LOG.error("frame failed", err);
      }
      error(ref, me.code(), me.getMessage());
    } else if (frame != null) {
      send(frame);
    }
  }

  /**
   * Answers {@code rate_limited} for a frame over the rate gate; more than {@code abuseStrikes} of
   * them within the strike window close the connection with 4008. (A full in-flight bound also
   * answers {@code rate_limited} but is no strike: a fast, honest client meets it.)
   */
  private void rateLimited(String ref, String message) {
    if (strikes.strike(clock.millis())) {
      LOG.info("closing session {} of user {}: persistent flooding", id, caller.userId());
      out.close(CloseCode.ABUSE, "rate limit exceeded");
      return;
    }
    error(ref, ErrorCode.RATE_LIMITED, message);
  }

  /** Handles a bus event on the serial executor. */
  private void onEvent(BusEvent e) {
    if (closed || early.hold(e)) {
      return;
    }
    if (e instanceof BusEvent.MessageStored m) {
      delivery.deliver(m);
    } else if (e instanceof BusEvent.ReceiptMoved r) {
      send(new ServerFrame.Receipt(r.conversationId(), r.userId(), r.status(), r.seq()));
    } else if (e instanceof BusEvent.Typing t) {
      send(new ServerFrame.Typing(t.conversationId(), t.userId(), t.state()));
    } else if (e instanceof BusEvent.PresenceChanged p) {
      presence.changed(p, work);
    } else if (e instanceof BusEvent.DeviceRevoked d && d.deviceId().equals(caller.deviceId())) {
      out.close(CloseCode.REVOKED, "token revoked");
    } else if (e instanceof BusEvent.UserSuspended su && su.suspended()) {
      out.close(CloseCode.SUSPENDED, "account suspended");
    } else if (e instanceof BusEvent.BlockChanged b && b.blocked()) {
      // Section 6: presence is hidden both ways from now on; the other side is never told.
      String other = b.blockerId().equals(caller.userId()) ? b.blockedId() : b.blockerId();
      presence.unsubscribe(java.util.List.of(other));
    } else if (e instanceof BusEvent.ConversationChanged cc) {
      conversationChanged(cc.conversationId());
    }
  }

  /**
   * Sends this user's summary of a conversation whose settings it changed (PROTOCOL.md section 5),
   * read on the worker queue. When the queue is full, or the user is no longer a member, nothing is
   * sent: the next {@code sync} has the summary.
   */
  private void conversationChanged(String conversationId) {
    work.offer(
        OrderedWork.job(
            () -> {
              ConversationSummary s;
              try {
                s = domain.conversations().summary(caller.userId(), conversationId);
              } catch (MessengerException ignored) {
                return;
              }
              serial.execute(() -> send(new ServerFrame.Conversation(s)));
            },
            () -> {}));
  }

  private void emitMessage(BusEvent.MessageStored event) {
    if (send(new ServerFrame.Message(event.message(), event.encoded()))) {
      metrics.fannedOut(clock.millis() - event.message().ts());
    }
  }

  /** Fetches from the store whatever this session may have missed (after a bus reconnect). */
  public void recheck() {
    serial.execute(
        () -> {
          if (!closed && early.released()) {
            delivery.recheck();
          }
        });
  }

  private void error(String ref, ErrorCode code, String message) {
    metrics.error(code);
    send(new ServerFrame.Error(ref, code, message));
  }

  /** Writes a frame; a full outbound queue closes the connection (slow consumer). */
  private boolean send(ServerFrame frame) {
    if (closed) {
      return false;
    } else if (!out.send(frame)) {
      LOG.info("closing session {} of user {}: slow consumer", id, caller.userId());
      out.close(CloseCode.POLICY, "slow consumer");
      metrics.slowConsumerClosed();
      return false;
    }
    metrics.frameOut();
    return true;
  }

  /** Closes from any thread. */
  public void close(CloseCode code, String reason) {
    serial.execute(() -> out.close(code, reason));
  }

  /** The transport closed (either side); releases everything once. Call on the serial executor. */
  public void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (userSubscription != null) {
      userSubscription.cancel();
    }
    presence.close();
    delivery.close();
    early.release();
    onEnd.run();
    lifecycle.runEventually(() -> domain.presence().disconnected(caller.userId(), id));
  }
}
