package dev.messenger.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Every frame a socket received, in arrival order, with blocking waits for frames that arrived in
 * the past or arrive later. Thread-safe: one lock guards the list, and waiters sleep on a {@link
 * Condition} signalled by each new frame and by the close. The log grows without bound: it is test
 * support ({@link RecordingSocket}), not shipped in the SDK's main jar.
 */
public final class FrameLog {
  private static final int FRAMES_IN_ERROR = 10;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<JsonNode> frames = new ArrayList<>();
  private boolean closed;
  private int closeCode;

  /** An empty log. */
  public FrameLog() {}

  /** Appends a frame and wakes every waiter. */
  public void add(JsonNode frame) {
    lock.lock();
    try {
      frames.add(frame);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Records that no frame will arrive any more; waiters that found nothing fail at once. */
  public void markClosed(int code) {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        closeCode = code;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A snapshot of all frames so far. */
  public List<JsonNode> snapshot() {
    lock.lock();
    try {
      return List.copyOf(frames);
    } finally {
      lock.unlock();
    }
  }

  /** A snapshot of the frames so far whose {@code type} is {@code type}. */
  public List<JsonNode> ofType(String type) {
    lock.lock();
    try {
      return frames.stream().filter(isType(type)).toList();
    } finally {
      lock.unlock();
    }
  }

  /** Matches frames whose {@code type} field is {@code type}. */
  public static Predicate<JsonNode> isType(String type) {
    return f -> type.equals(f.path("type").asText(null));
  }

  /**
   * The first frame, received at any time, that matches.
   *
   * @throws IllegalStateException wrapping a {@link TimeoutException} when none matched within
   *     {@code timeout}, or as soon as the socket closed without a match; also when interrupted
   *     (the interrupt flag is kept)
   */
  public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
    List<JsonNode> found = awaitMatches(match, 1, timeout, "a frame matching " + match);
    return found.get(0);
  }

  /**
   * The first {@code n} frames of {@code type}, waiting until that many were received.
   *
   * @throws IllegalStateException as {@link #await}
   */
  public List<JsonNode> awaitCount(String type, int n, Duration timeout) {
    if (n <= 0) {
      return List.of();
    }
    return awaitMatches(isType(type), n, timeout, n + " frame(s) of type " + type);
  }

  private List<JsonNode> awaitMatches(
      Predicate<JsonNode> match, int n, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonNode> found = new ArrayList<>(n);
    int checked = 0;
    lock.lock();
    try {
      while (true) {
        for (; checked < frames.size(); checked++) {
          JsonNode f = frames.get(checked);
          if (match.test(f)) {
            found.add(f);
            if (found.size() == n) {
              return found;
            }
          }
        }
        if (closed) {
          throw failure(what, "the socket closed with code " + closeCode + " before", found);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw failure(what, "timed out after " + timeout.toMillis() + " ms before", found);
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } finally {
      lock.unlock();
    }
  }

  // Called with the lock held.
  private IllegalStateException failure(String what, String why, List<JsonNode> found) {
    int from = Math.max(0, frames.size() - FRAMES_IN_ERROR);
    String message =
        why
            + " "
            + what
            + " arrived (matched "
            + found.size()
            + "); "
            + frames.size()
            + " frame(s) received, the last ones: "
            + frames.subList(from, frames.size());
    return new IllegalStateException(message, new TimeoutException(message));
  }
}
