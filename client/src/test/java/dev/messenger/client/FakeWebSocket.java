package dev.messenger.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/**
 * A JDK {@link WebSocket} that records what is sent. Sends complete at once unless {@link
 * #holdSends} is set, in which case each stays pending until {@link #completeSend}. Throws, as the
 * JDK does, when a text is sent while the previous one is outstanding. Thread-safe.
 */
final class FakeWebSocket implements WebSocket {
  final List<String> texts = new ArrayList<>();
  final List<Integer> closes = new ArrayList<>();

  /** Every text sent, for tests that wait for a send made on another thread. */
  final BlockingQueue<String> outbound = new LinkedBlockingQueue<>();

  private final List<CompletableFuture<WebSocket>> held = new ArrayList<>();
  private long requested;
  private boolean outputClosed;
  private boolean aborted;
  private boolean holdSends;
  private IntConsumer onClose = code -> {};

  synchronized void holdSends() {
    holdSends = true;
  }

  /** Completes the {@code i}-th held send. */
  void completeSend(int i) {
    CompletableFuture<WebSocket> f;
    synchronized (this) {
      f = held.get(i);
    }
    f.complete(this);
  }

  /** Runs {@code action} with the code whenever a close frame is sent (e.g. to echo it). */
  synchronized void onSendClose(IntConsumer action) {
    onClose = action;
  }

  synchronized List<String> texts() {
    return List.copyOf(texts);
  }

  synchronized long requested() {
    return requested;
  }

  synchronized boolean aborted() {
    return aborted;
  }

  @Override
  public synchronized CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    if (!held.isEmpty() && !held.get(held.size() - 1).isDone()) {
      throw new IllegalStateException("send pending");
    }
    texts.add(data.toString());
    outbound.add(data.toString());
    CompletableFuture<WebSocket> f = new CompletableFuture<>();
    if (holdSends) {
      held.add(f);
    } else {
      f.complete(this);
    }
    return f;
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    IntConsumer action;
    synchronized (this) {
      closes.add(statusCode);
      outputClosed = true;
      action = onClose;
    }
    action.accept(statusCode);
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public synchronized void request(long n) {
    requested += n;
  }

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public synchronized boolean isOutputClosed() {
    return outputClosed;
  }

  @Override
  public boolean isInputClosed() {
    return false;
  }

  @Override
  public synchronized void abort() {
    aborted = true;
    outputClosed = true;
  }
}
