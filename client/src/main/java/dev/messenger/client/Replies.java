package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of one {@link ChatSocket} waiting for their reply, by {@code ref}: a reply frame
 * carrying a known ref completes its future; the close fails the rest. Holds at most one entry per
 * request in flight (they leave on reply, on a failed send and on close). Thread-safe.
 */
final class Replies {
  private final Refs refs = new Refs();
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /**
   * Registers {@code frame}'s ref (a fresh one is put on a frame without one) and answers the
   * future its reply completes.
   */
  CompletableFuture<JsonNode> expect(ObjectNode frame) {
    String ref = Json.text(frame, "ref");
    if (ref == null) {
      ref = refs.next();
      frame.put("ref", ref);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(ref, reply);
    return reply;
  }

  /** Fails {@code reply} (the future of {@code frame}) with {@code e} if it still waits. */
  void fail(ObjectNode frame, CompletableFuture<JsonNode> reply, Throwable e) {
    if (pending.remove(Json.text(frame, "ref"), reply)) {
      reply.completeExceptionally(e);
    }
  }

  /** Completes the request whose ref {@code frame} carries, if any. */
  void deliver(JsonNode frame) {
    String ref = frame.isObject() ? Json.text(frame, "ref") : null;
    if (ref != null) {
      CompletableFuture<JsonNode> reply = pending.remove(ref);
      if (reply != null) {
        reply.complete(frame);
      }
    }
  }

  /** Fails every waiting request with {@code e}. */
  void failAll(Throwable e) {
    pending.values().forEach(f -> f.completeExceptionally(e));
    pending.clear();
  }
}
