package dev.messenger.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.messaging.SendCommand;
import dev.messenger.core.model.Message;
import dev.messenger.core.presence.PresenceStatus;
import dev.messenger.server.Services;
import dev.messenger.server.limits.RateLimited;
import dev.messenger.server.wire.Wire;
import io.github.bucket4j.Bucket;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of one device (PROTOCOL.md section 3).
 *
 * <p>Threading: all state is confined to the connection's event loop ({@link #context}); blocking
 * domain calls run on the worker pool, chained one after another per session so that a client's
 * frames are handled in the order they arrived, and their results hop back to the event loop.
 *
 * <p>Delivery: per conversation the session remembers the last seq it delivered; a doorbell that
 * skips seqs parks the message and fills the gap from the store first, so {@code message} frames
 * arrive in increasing seq with no gaps. Messages sent by this device are not echoed (it got {@code
 * sent}).
 *
 * <p>Backpressure: outbound frames are queued by Vert.x up to {@code max-outbound-bytes}; a client
 * that lets the queue fill up is closed with 1008 ("slow consumer") and nobody else waits for it.
 */
public final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /** Close codes of PROTOCOL.md "Close codes" and our own. */
  public static final short CLOSE_NORMAL = 1000;

  public static final short CLOSE_GOING_AWAY = 1001;
  public static final short CLOSE_POLICY = 1008;
  public static final short CLOSE_TOO_BIG = 1009;
  public static final short CLOSE_REVOKED = 4001;
  public static final short CLOSE_ABUSE = 4008;

  /** Largest message (PROTOCOL.md: over 64 KiB closes with 1009), however fragmented. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** The window in which {@code abuse-strikes} rate-limited frames close the connection. */
  private static final long STRIKE_WINDOW_MILLIS = 10_000;

  private final String id = Ids.newId("s");
  private final Caller caller;
  private final ServerWebSocket ws;
  private final Context context;
  private final Services services;
  private final Sessions registry;
  private final Delivery delivery;

  /** Events that came before {@code ready} was sent; null once it was. */
  private List<BusEvent> early = new ArrayList<>();

  private final Map<String, Bus.Subscription> presenceSubscriptions = new HashMap<>();
  private Bus.Subscription userSubscription;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private volatile long lastInboundMillis = System.currentTimeMillis();
  private final Bucket frameBucket;

  private final FrameAssembler frames = new FrameAssembler(MAX_MESSAGE_BYTES);
  private long strikeWindowStart;
  private int strikes;
  private boolean closed;

  Session(
      Caller caller, ServerWebSocket ws, Context context, Services services, Sessions registry) {
    this.caller = caller;
    this.ws = ws;
    this.context = context;
    this.services = services;
    this.registry = registry;
    this.frameBucket = services.rateLimits().newFrameBucket();
    this.delivery = new Delivery(caller, context, services, this::writeText, () -> closed);
  }

  public String id() {
    return id;
  }

  public Caller caller() {
    return caller;
  }

  long lastInboundMillis() {
    return lastInboundMillis;
  }

  /** Wires the socket's handlers, subscribes the doorbell and sends {@code ready}. */
  void start() {
    ws.setWriteQueueMaxSize(services.settings().maxOutboundBytes());
    // Messages are assembled here from frames, not by Vert.x's aggregator (which wedges on an
    // empty first fragment), with the same 64 KiB limit.
    ws.frameHandler(this::onFrame);
    ws.exceptionHandler(this::onException);
    ws.closeHandler(v -> onClosed());
    userSubscription =
        services
            .bus()
            .subscribe(Topics.user(caller.userId()), e -> context.runOnContext(v -> onEvent(e)));
    // Off the event loop (the cluster registry and bus talk to NATS), in order with everything
    // else. `ready` goes out only once the doorbell is in effect and the delivery cursors are
    // loaded: every message committed after `ready` reaches this connection.
    chain(
        () -> {
          Map<String, Long> lastSeqs = Map.of();
          try {
            services.bus().awaitSubscriptions();
            services.presence().connected(caller.userId(), id);
            lastSeqs = services.messaging().lastSeqs(caller.userId());
          } finally {
            Map<String, Long> start = lastSeqs;
            context.runOnContext(v -> startDelivery(start));
          }
        });
  }

  /**
   * Starts each conversation's delivery cursor at its lastSeq as of now (earlier messages come from
   * {@code sync} and {@code history}), sends {@code ready}, then handles the doorbells that rang
   * meanwhile; one that comes out of order is caught by the gap fill.
   */
  private void startDelivery(Map<String, Long> lastSeqs) {
    if (closed) {
      return;
    }
    delivery.startAt(lastSeqs);
    write(
        Wire.object()
            .put("type", "ready")
            .put("userId", caller.userId())
            .put("deviceId", caller.deviceId())
            .put("protocol", 1)
            .put("serverTime", System.currentTimeMillis()));
    List<BusEvent> waiting = early;
    early = null;
    waiting.forEach(this::onEvent);
  }

  /**
   * Runs {@code task} on the worker pool after the tasks chained before it; a failing task is
   * logged and does not stop the ones after it. Call on the event loop.
   */
  private void chain(Runnable task) {
    tail =
        tail.thenRunAsync(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                LOG.warn("session {} task failed", id, e);
              }
            },
            services.workers());
  }

  /** A frame arrived: a completed message is handled, a refused one answered. */
  private void onFrame(WebSocketFrame f) {
    touch();
    FrameAssembler.Outcome outcome = frames.accept(f);
    if (outcome instanceof FrameAssembler.Text t) {
      onText(t.text());
    } else if (outcome instanceof FrameAssembler.Refused r) {
      writeError(null, ErrorCode.BAD_REQUEST, r.message());
    } else if (outcome instanceof FrameAssembler.TooLarge) {
      close(CLOSE_TOO_BIG, "message too large");
    }
  }

  private void touch() {
    lastInboundMillis = System.currentTimeMillis();
  }

  private void onText(String text) {
    touch();
    services.metrics().frameIn();
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(text);
    } catch (Exception e) {
      tree = null;
    }
    if (frameBucket != null && !frameBucket.tryConsume(1)) {
      rateLimited(ClientFrame.refOf(tree), "too many frames");
      return;
    }
    if (tree == null) {
      writeError(null, ErrorCode.BAD_REQUEST, "malformed JSON");
      return;
    }
    ClientFrame frame;
    try {
      frame = ClientFrame.decode(tree);
    } catch (MessengerException e) {
      writeError(ClientFrame.refOf(tree), e.code(), e.getMessage());
      return;
    }
    handle(frame);
  }

  private void handle(ClientFrame frame) {
    if (frame instanceof ClientFrame.Ping p) {
      write(reply("pong", p.ref()));
    } else if (frame instanceof ClientFrame.Send s) {
      onSend(s);
    } else if (frame instanceof ClientFrame.Ack a) {
      serial(
          a.ref(),
          () ->
              services
                  .receipts()
                  .ack(caller, a.conversationId(), a.seq(), a.status())
                  .thenApply(m -> null));
    } else if (frame instanceof ClientFrame.History h) {
      serial(
          h.ref(),
          () -> {
            var page =
                services
                    .messaging()
                    .history(caller.userId(), h.conversationId(), h.before(), h.after(), h.limit());
            ObjectNode out = reply("history", h.ref()).put("conversationId", h.conversationId());
            out.set("messages", Wire.messages(page.messages()));
            out.put("hasMore", page.hasMore());
            return CompletableFuture.completedFuture(out);
          });
    } else if (frame instanceof ClientFrame.Sync s) {
      serial(
          s.ref(),
          () -> {
            ObjectNode out = reply("synced", s.ref());
            out.set(
                "conversations", Wire.summaries(services.conversations().list(caller.userId())));
            return CompletableFuture.completedFuture(out);
          });
    } else if (frame instanceof ClientFrame.Typing t) {
      serial(
          t.ref(),
          () -> {
            services.typing().relay(caller, t.conversationId(), t.state());
            return CompletableFuture.completedFuture(null);
          });
    } else if (frame instanceof ClientFrame.PresenceSubscribe ps) {
      onPresenceSubscribe(ps);
    } else if (frame instanceof ClientFrame.PresenceUnsubscribe pu) {
      for (String userId : pu.userIds()) {
        Bus.Subscription sub = presenceSubscriptions.remove(userId);
        if (sub != null) {
          sub.cancel();
        }
      }
    }
  }

  private void onSend(ClientFrame.Send s) {
    try {
      services.rateLimits().send(caller.deviceId());
    } catch (RateLimited e) {
      rateLimited(s.ref(), e.getMessage());
      return;
    }
    delivery.sending(s.clientId());
    SendCommand cmd =
        new SendCommand(s.conversationId(), s.to(), s.clientId(), s.body(), s.attachments());
    serial(
        s.ref(),
        () ->
            services
                .messaging()
                .send(caller, cmd)
                .whenComplete(
                    (r, err) ->
                        context.runOnContext(
                            v -> delivery.answered(s.clientId(), err == null ? r.message() : null)))
                .thenApply(
                    r -> {
                      Message m = r.message();
                      if (!r.duplicate()) {
                        services.metrics().sent();
                      }
                      return reply("sent", s.ref())
                          .put("clientId", m.clientId())
                          .put("conversationId", m.conversationId())
                          .put("seq", m.seq())
                          .put("ts", m.ts());
                    }));
  }

  private void onPresenceSubscribe(ClientFrame.PresenceSubscribe ps) {
    serial(
        ps.ref(),
        () -> {
          List<PresenceStatus> visible = new ArrayList<>();
          for (String userId : ps.userIds()) {
            services.presence().view(caller.userId(), userId).ifPresent(visible::add);
          }
          context.runOnContext(
              v -> {
                if (closed) {
                  return;
                }
                for (PresenceStatus p : visible) {
                  presenceSubscriptions.computeIfAbsent(
                      p.userId(),
                      u ->
                          services
                              .bus()
                              .subscribe(
                                  Topics.presence(u), e -> context.runOnContext(x -> onEvent(e))));
                  write(Wire.presence(p).put("type", "presence"));
                }
              });
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * Runs {@code work} on the worker pool after the work of earlier frames of this session was
   * started, and writes its reply (or error frame) on the event loop. The next frame's work does
   * not wait for this one's future: a send only waits for its turn to enqueue, not for the commit.
   */
  private void serial(String ref, Supplier<CompletableFuture<? extends JsonNode>> work) {
    chain(
        () -> {
          CompletableFuture<? extends JsonNode> f;
          try {
            f = work.get();
          } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
          }
          f.whenComplete(
              (out, err) ->
                  context.runOnContext(
                      v -> {
                        if (err != null) {
                          MessengerException me = MessengerException.unwrap(err);
                          if (me.code() == ErrorCode.INTERNAL) {
                            LOG.error("frame failed", err);
                          }
                          writeError(ref, me.code(), me.getMessage());
                        } else if (out != null) {
                          write(out);
                        }
                      }));
        });
  }

  /**
   * Answers {@code rate_limited}; {@code abuse-strikes} of them within 10 s close the connection
   * with 4008.
   */
  private void rateLimited(String ref, String message) {
    long now = System.currentTimeMillis();
    if (now - strikeWindowStart > STRIKE_WINDOW_MILLIS) {
      strikeWindowStart = now;
      strikes = 0;
    }
    strikes++;
    int limit = services.settings().limits().abuseStrikes();
    if (limit > 0 && strikes > limit) {
      LOG.info("closing session {} of user {}: persistent flooding", id, caller.userId());
      close(CLOSE_ABUSE, "rate limit exceeded");
      return;
    }
    writeError(ref, ErrorCode.RATE_LIMITED, message);
  }

  private static ObjectNode reply(String type, String ref) {
    ObjectNode o = Wire.object().put("type", type);
    if (ref != null) {
      o.put("ref", ref);
    }
    return o;
  }

  /** Handles a bus event on the event loop. */
  private void onEvent(BusEvent e) {
    if (closed) {
      return;
    }
    if (early != null) {
      early.add(e);
      return;
    }
    if (e instanceof BusEvent.MessageStored m) {
      delivery.deliver(m);
    } else if (e instanceof BusEvent.ReceiptMoved r) {
      write(
          Wire.object()
              .put("type", "receipt")
              .put("conversationId", r.conversationId())
              .put("userId", r.userId())
              .put("status", r.status().wire())
              .put("seq", r.seq()));
    } else if (e instanceof BusEvent.Typing t) {
      write(
          Wire.object()
              .put("type", "typing")
              .put("conversationId", t.conversationId())
              .put("userId", t.userId())
              .put("state", t.state()));
    } else if (e instanceof BusEvent.PresenceChanged p) {
      // Visibility can end after subscribing (removed from the shared group, dropped from the
      // contacts): check it again, off the event loop, before telling.
      chain(
          () -> {
            boolean visible = services.presence().visible(caller.userId(), p.userId());
            context.runOnContext(
                v -> {
                  if (closed) {
                    return;
                  }
                  if (!visible) {
                    Bus.Subscription sub = presenceSubscriptions.remove(p.userId());
                    if (sub != null) {
                      sub.cancel();
                    }
                    return;
                  }
                  write(
                      Wire.object()
                          .put("type", "presence")
                          .put("userId", p.userId())
                          .put("status", p.online() ? "online" : "offline")
                          .put("lastSeen", p.lastSeen()));
                });
          });
    } else if (e instanceof BusEvent.DeviceRevoked d && d.deviceId().equals(caller.deviceId())) {
      close(CLOSE_REVOKED, "token revoked");
    }
  }

  /** Fetches from the store whatever this session may have missed (after a bus reconnect). */
  void recheck() {
    context.runOnContext(
        v -> {
          if (!closed) {
            delivery.recheck();
          }
        });
  }

  private void writeError(String ref, ErrorCode code, String message) {
    services.metrics().error(code);
    write(Wire.errorFrame(ref, code, message));
  }

  private void write(JsonNode frame) {
    writeText(Wire.encode(frame));
  }

  private void writeText(String text) {
    if (closed) {
      return;
    }
    if (ws.writeQueueFull()) {
      LOG.info("closing session {} of user {}: slow consumer", id, caller.userId());
      close(CLOSE_POLICY, "slow consumer");
      return;
    }
    ws.writeTextMessage(text);
    services.metrics().frameOut();
  }

  private void onException(Throwable t) {
    String msg = String.valueOf(t.getMessage());
    if (msg.contains("max") || msg.contains("too big") || msg.contains("Max")) {
      close(CLOSE_TOO_BIG, "frame too large");
    } else {
      LOG.debug("socket error on session {}", id, t);
    }
  }

  /**
   * Closes the connection with a code; safe to call more than once, on the event loop. The future
   * completes when the close frame was written (or at once if already closed).
   */
  io.vertx.core.Future<Void> close(short code, String reason) {
    if (closed) {
      return io.vertx.core.Future.succeededFuture();
    }
    io.vertx.core.Future<Void> f = ws.close(code, reason);
    onClosed();
    return f;
  }

  /** Closes from any thread; completes when the close frame was written. */
  CompletableFuture<Void> closeAsync(short code, String reason) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> close(code, reason).onComplete(ar -> done.complete(null)));
    return done;
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (userSubscription != null) {
      userSubscription.cancel();
    }
    presenceSubscriptions.values().forEach(Bus.Subscription::cancel);
    presenceSubscriptions.clear();
    registry.remove(this);
    chain(() -> services.presence().disconnected(caller.userId(), id));
  }
}
