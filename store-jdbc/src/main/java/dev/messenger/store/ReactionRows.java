package dev.messenger.store;

import dev.messenger.core.model.Message;
import dev.messenger.core.model.Reaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code reactions} table as messages carry it (PROTOCOL.md section 4, {@code reactions}):
 * emoji in the order they appeared on the message (kept while anyone has them), users in the order
 * they reacted: the order a device gets by applying the update entries one by one ({@link
 * dev.messenger.core.model.Updates#apply}). Stateless.
 */
final class ReactionRows {
  private ReactionRows() {}

  private record Row(long seq, String emoji, String userId) {}

  private static final String SELECT =
      "SELECT seq, emoji, user_id FROM reactions WHERE conversation_id = ?";

  /** The reactions on one message. */
  static List<Reaction> of(Connection c, String conversationId, long seq) throws SQLException {
    List<Row> rows =
        Sql.list(
            c,
            ReactionRows::row,
            SELECT + " AND seq = ? ORDER BY emoji_seq, added_seq",
            conversationId,
            seq);
    return group(rows).getOrDefault(seq, List.of());
  }

  /**
   * {@code messages} (ascending, of one conversation) with their reactions filled in: one query
   * over the page's seq range, none when no message in it could have any.
   */
  static List<Message> attach(Connection c, List<Message> messages) throws SQLException {
    if (messages.stream().noneMatch(Message::liveText)) {
      return messages;
    }
    Message first = messages.get(0);
    long from = first.seq();
    long to = messages.get(messages.size() - 1).seq();
    List<Row> rows =
        Sql.list(
            c,
            ReactionRows::row,
            SELECT + " AND seq >= ? AND seq <= ? ORDER BY emoji_seq, added_seq",
            first.conversationId(),
            from,
            to);
    if (rows.isEmpty()) {
      return messages;
    }
    Map<Long, List<Reaction>> bySeq = group(rows);
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      List<Reaction> r = bySeq.get(m.seq());
      out.add(r == null ? m : m.withDetails(m.details().withReactions(r)));
    }
    return out;
  }

  private static Row row(java.sql.ResultSet rs) throws SQLException {
    return new Row(rs.getLong(1), rs.getString(2), rs.getString(3));
  }

  /** Rows in {@code added_seq} order, grouped by message then emoji in order of first use. */
  private static Map<Long, List<Reaction>> group(List<Row> rows) {
    Map<Long, Map<String, List<String>>> bySeq = new HashMap<>();
    for (Row r : rows) {
      bySeq
          .computeIfAbsent(r.seq(), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.emoji(), k -> new ArrayList<>())
          .add(r.userId());
    }
    Map<Long, List<Reaction>> out = new HashMap<>();
    bySeq.forEach(
        (seq, byEmoji) -> {
          List<Reaction> list = new ArrayList<>(byEmoji.size());
          byEmoji.forEach((emoji, users) -> list.add(new Reaction(emoji, users.size(), users)));
          out.put(seq, list);
        });
    return out;
  }
}
