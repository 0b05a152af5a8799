package dev.messenger.server.chat;

import dev.messenger.server.wire.ServerFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Outbound} that records frames, with a capacity to play a full queue. Closing tells the
 * session, as the real transport does. Not thread-safe: tests drive it from one thread.
 */
final class RecordingOutbound implements Outbound {
  final List<ServerFrame> frames = new ArrayList<>();
  int capacity = Integer.MAX_VALUE;
  CloseCode closedWith;
  ChatSession session;

  @Override
  public boolean send(ServerFrame frame) {
    if (closedWith != null || frames.size() >= capacity) {
      return false;
    }
    frames.add(frame);
    return true;
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (closedWith == null) {
      closedWith = code;
      session.onClosed();
    }
  }

  <T extends ServerFrame> List<T> ofType(Class<T> type) {
    return frames.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The seqs of the message frames, in the order they were written. */
  List<Long> messageSeqs() {
    return ofType(ServerFrame.Message.class).stream().map(m -> m.message().seq()).toList();
  }

  List<String> errorCodes() {
    return ofType(ServerFrame.Error.class).stream().map(e -> e.code().wire()).toList();
  }
}
