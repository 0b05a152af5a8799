package dev.messenger.server.chat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.presence.PresenceStatus;
import dev.messenger.server.wire.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The users one connection watches ({@code presence.subscribe}, PROTOCOL.md section 3): their
 * presence now and on each change, for as long as they stay visible to the viewer (visibility is
 * checked again on every change: a removed member or a dropped contact stops being heard).
 *
 * <p>State is confined to the session's serial executor; {@link #subscribe} runs on a worker.
 */
final class PresenceWatch {
  private final String viewerId;
  private final Presence presence;
  private final Bus bus;
  private final Executor serial;
  private final Consumer<BusEvent> events;
  private final Consumer<ServerFrame> frames;
  private final Map<String, Bus.Subscription> watched = new HashMap<>();
  private boolean closed;

  /**
   * @param events where this watch's bus events go (on any thread; the session hops them)
   * @param frames writes a frame to the connection
   */
  PresenceWatch(
      String viewerId,
      Presence presence,
      Bus bus,
      Executor serial,
      Consumer<BusEvent> events,
      Consumer<ServerFrame> frames) {
    this.viewerId = viewerId;
    this.presence = presence;
    this.bus = bus;
    this.serial = serial;
    this.events = events;
    this.frames = frames;
  }

  /** True if watching {@code more} further users stays within {@code max}. */
  boolean canWatch(int more, int max) {
    return watched.size() + more <= max;
  }

  /**
   * Looks the users up (blocking; call on a worker), then on the serial executor subscribes to the
   * visible ones and writes their presence. The future holds no frame: the presence frames are the
   * answer.
   */
  CompletableFuture<ServerFrame> subscribe(List<String> userIds) {
    List<PresenceStatus> visible = new ArrayList<>();
    for (String userId : userIds) {
      presence.view(viewerId, userId).ifPresent(visible::add);
    }
    serial.execute(
        () -> {
          if (closed) {
            return;
          }
          for (PresenceStatus p : visible) {
            watched.computeIfAbsent(
                p.userId(),
                u ->
                    bus.subscribe(Topics.presence(u), e -> serial.execute(() -> events.accept(e))));
            frames.accept(new ServerFrame.Presence(p));
          }
        });
    return CompletableFuture.completedFuture(null);
  }

  void unsubscribe(List<String> userIds) {
    for (String userId : userIds) {
      Bus.Subscription sub = watched.remove(userId);
      if (sub != null) {
        sub.cancel();
      }
    }
  }

  /**
   * A watched user's presence changed: checks visibility on a worker (in frame order), then tells
   * or stops watching. When the session's queue is full the change is dropped (the next one, or
   * {@code presence.subscribe}, tells the truth again).
   */
  void changed(BusEvent.PresenceChanged p, OrderedWork work) {
    work.offer(
        OrderedWork.job(
            () -> {
              boolean visible = presence.visible(viewerId, p.userId());
              serial.execute(() -> tell(p, visible));
            },
            () -> {}));
  }

  private void tell(BusEvent.PresenceChanged p, boolean visible) {
    if (closed) {
      return;
    }
    if (!visible) {
      unsubscribe(List.of(p.userId()));
      return;
    }
    frames.accept(
        new ServerFrame.Presence(new PresenceStatus(p.userId(), p.online(), p.lastSeen())));
  }

  void close() {
    closed = true;
    watched.values().forEach(Bus.Subscription::cancel);
    watched.clear();
  }
}
