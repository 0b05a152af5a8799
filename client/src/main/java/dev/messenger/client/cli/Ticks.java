package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members' receipt cursors of one conversation, as a chat knows them, and the ticks they give
 * the user's own messages. Ticks of an own message with seq S: {@code ✓} stored; {@code ✓✓}
 * delivered (direct: the peer's deliveredSeq >= S; group: every other member's); {@code ✓✓ read}
 * (direct: the peer's readSeq >= S) or {@code ✓✓ read by N} (group: N other members' readSeq >= S).
 *
 * <p>Not thread-safe: one thread feeds it.
 */
final class Ticks {
  private final String me;
  private final boolean group;
  private final Map<String, long[]> cursors = new LinkedHashMap<>(); // userId -> {delivered, read}

  /** Starts from the cursors of {@code conversation}'s summary. */
  Ticks(String me, ConversationView conversation) {
    this.me = me;
    this.group = conversation.isGroup();
    for (MemberView m : conversation.members()) {
      cursors.put(m.userId(), new long[] {m.deliveredSeq(), m.readSeq()});
    }
  }

  /** The other members. */
  List<String> peers() {
    return cursors.keySet().stream().filter(id -> !id.equals(me)).toList();
  }

  /** Moves a member's cursor forward ({@code status} {@code delivered} or {@code read}). */
  void receipt(String userId, String status, long seq) {
    long[] c = cursors.computeIfAbsent(userId, id -> new long[2]);
    if ("read".equals(status)) {
      c[1] = Math.max(c[1], seq);
    }
    if ("read".equals(status) || "delivered".equals(status)) {
      c[0] = Math.max(c[0], seq);
    }
  }

  /** A member joined at {@code seq}: it has everything before. */
  void added(String userId, long seq) {
    cursors.putIfAbsent(userId, new long[] {seq, 0});
  }

  /** A member left or was removed. */
  void removed(String userId) {
    cursors.remove(userId);
  }

  /** The ticks of own message {@code seq} with the cursors known now. */
  String of(long seq) {
    List<long[]> others = new ArrayList<>();
    cursors.forEach(
        (id, c) -> {
          if (!id.equals(me)) {
            others.add(c);
          }
        });
    if (others.isEmpty()) {
      return "✓";
    }
    long readers = others.stream().filter(c -> c[1] >= seq).count();
    boolean allDelivered = others.stream().allMatch(c -> c[0] >= seq);
    if (!group) {
      return readers > 0 ? "✓✓ read" : allDelivered ? "✓✓" : "✓";
    }
    return readers > 0 ? "✓✓ read by " + readers : allDelivered ? "✓✓" : "✓";
  }
}
