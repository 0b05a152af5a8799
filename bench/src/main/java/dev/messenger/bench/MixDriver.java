package dev.messenger.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.bench.MixLedger.Op;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code mix} workload of one connection (PROTOCOL.md section 4): each {@link #next} writes one
 * operation drawn from the weights, a {@code send} to its direct conversation or an update of a
 * recent message: {@code react} to the newest message of the peer it has not reacted to yet, {@code
 * edit} of its own newest message, {@code delete} of its own oldest. When there is nothing to
 * update yet, it sends. It reads its connection's frames ({@link Conn#onFrames}) into a {@link
 * MixLedger}. Confined to the connection's context; each list of targets is bounded at {@value
 * #KEPT} seqs (the oldest is dropped).
 */
final class MixDriver {
  /** Recent seqs kept as targets, per list. */
  static final int KEPT = 64;

  /** Emoji reactions are drawn from. */
  static final String[] EMOJI = {"👍", "❤️", "😂", "🎉", "👀", "🙏", "🔥", "✅"};

  /** Percent weights of send, react, edit and delete; they need not add up to 100. */
  record Weights(int sends, int reactions, int edits, int deletes) {
    Weights {
      if (sends < 0 || reactions < 0 || edits < 0 || deletes < 0) {
        throw new IllegalArgumentException("weights must be >= 0");
      }
      if (sends == 0) {
        throw new IllegalArgumentException("--sends must be > 0: updates need messages");
      }
    }

    Op pick(int roll) {
      int r = roll % (sends + reactions + edits + deletes);
      if (r < sends) {
        return Op.SEND;
      }
      r -= sends;
      if (r < reactions) {
        return Op.REACT;
      }
      return r - reactions < edits ? Op.EDIT : Op.DELETE;
    }
  }

  private record Pending(Op op, String key, long nanos) {}

  private final Conn conn;
  private final Weights weights;
  private final MixLedger ledger;
  private final String quotedConversation;
  private final ArrayDeque<Long> own = new ArrayDeque<>();
  private final ArrayDeque<Long> peer = new ArrayDeque<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private long counter;

  MixDriver(Conn conn, Weights weights, MixLedger ledger) {
    this.conn = conn;
    this.weights = weights;
    this.ledger = ledger;
    this.quotedConversation =
        new String(JsonStringEncoder.getInstance().quoteAsString(conn.conversationId()));
  }

  /** Writes the next operation. */
  void next() {
    Op op = weights.pick(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
    if ((op == Op.REACT && peer.isEmpty()) || (op != Op.REACT && op != Op.SEND && own.isEmpty())) {
      op = Op.SEND;
    }
    String ref = "x" + conn.index + "." + (++counter);
    long now = System.nanoTime();
    String head = "{\"type\":\"" + op.frame + "\",\"ref\":\"" + ref + "\",\"conversationId\":\"";
    head += quotedConversation + "\"";
    String me = conn.account.userId();
    String frame;
    String key;
    switch (op) {
      case SEND -> {
        key = ref;
        frame = head + ",\"clientId\":\"" + ref + "\",\"body\":\"m" + now + "\"}";
      }
      case REACT -> {
        long target = peer.pollLast();
        String emoji = EMOJI[(int) (counter % EMOJI.length)];
        key = key(me, target, "reacted", emoji);
        frame = head + ",\"seq\":" + target + ",\"emoji\":\"" + emoji + "\"}";
      }
      case EDIT -> {
        long target = own.peekLast();
        String body = "e" + now;
        key = key(me, target, "edited", body);
        frame = head + ",\"seq\":" + target + ",\"body\":\"" + body + "\"}";
      }
      default -> {
        long target = own.pollFirst();
        key = key(me, target, "deleted", "");
        frame = head + ",\"seq\":" + target + "}";
      }
    }
    pending.put(ref, new Pending(op, key, now));
    ledger.written(op, key, now);
    conn.write(frame);
  }

  /** One frame of this connection (never {@code ready}). */
  void onFrame(JsonNode f) {
    long now = System.nanoTime();
    switch (f.path("type").asText()) {
      case "sent" -> {
        Pending p = pending.remove(f.path("ref").asText());
        if (p != null) {
          ledger.answered(p.op(), p.key(), p.nanos(), now, true);
          keep(own, f.path("seq").asLong());
        }
      }
      case "updated" -> {
        Pending p = pending.remove(f.path("ref").asText());
        if (p != null) {
          ledger.answered(p.op(), p.key(), p.nanos(), now, !f.path("seq").isNull());
        }
      }
      case "error" -> {
        Pending p = pending.remove(f.path("ref").asText(""));
        if (p != null) {
          ledger.rejected(p.op(), p.key(), f.path("code").asText("?"));
        }
      }
      case "message" -> received(f, now);
      default -> {
        // pong, receipt, presence, typing: nothing to account.
      }
    }
  }

  private void received(JsonNode f, long now) {
    String sender = f.path("senderId").asText();
    if (sender.equals(conn.account.userId())) {
      return; // Not expected: the sending device gets sent or updated instead.
    }
    if ("update".equals(f.path("kind").asText())) {
      JsonNode u = f.path("update");
      String action = u.path("action").asText();
      long target = u.path("target").asLong();
      String arg = "edited".equals(action) ? u.path("body").asText() : u.path("emoji").asText("");
      ledger.delivered(key(sender, target, action, arg), now);
      if ("deleted".equals(action)) {
        peer.remove(target);
      }
    } else {
      ledger.delivered(f.path("clientId").asText(), now);
      keep(peer, f.path("seq").asLong());
    }
  }

  private String key(String actor, long target, String action, String arg) {
    return conn.conversationId() + "|" + actor + "|" + target + "|" + action + "|" + arg;
  }

  private static void keep(ArrayDeque<Long> list, long seq) {
    list.addLast(seq);
    if (list.size() > KEPT) {
      list.pollFirst();
    }
  }
}
