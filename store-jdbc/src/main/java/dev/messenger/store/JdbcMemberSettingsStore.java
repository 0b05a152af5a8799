package dev.messenger.store;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.store.MemberSettingsStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * {@link MemberSettingsStore} on SQL (PROTOCOL.md section 5): settings are changed in the {@link
 * GroupCommitWriter}'s transaction (read, change, write), unread counts read on the pool with the
 * messages' primary key (one range per conversation). Thread-safe.
 */
public final class JdbcMemberSettingsStore implements MemberSettingsStore {
  private final Database db;

  public JdbcMemberSettingsStore(Database db) {
    this.db = db;
  }

  /** The unread rule in SQL, over {@code members mb} joined with {@code messages m}. */
  private static final String UNREAD =
      " m.seq > mb.read_seq AND m.seq > mb.cleared_seq AND m.seq >= mb.joined_seq"
          + " AND m.kind = 'text' AND m.deleted = 0 AND m.sender_id <> mb.user_id";

  @Override
  public CompletableFuture<Member> changeSettings(
      String conversationId, String userId, UnaryOperator<MemberSettings> change) {
    return db.writer()
        .submit(
            conversationId,
            c -> {
              Member m =
                  Rows.memberIn(c, conversationId, userId)
                      .filter(Member::active)
                      .orElseThrow(() -> MessengerException.notFound("no such conversation"));
              MemberSettings after = change.apply(m.settings());
              if (after.equals(m.settings())) {
                return m;
              }
              Sql.updateCached(
                  c,
                  "UPDATE members SET muted_until = ?, archived = ?, cleared_seq = ?"
                      + " WHERE conversation_id = ? AND user_id = ?",
                  after.mutedUntil(),
                  after.archived() ? 1 : 0,
                  after.clearedSeq(),
                  conversationId,
                  userId);
              return new Member(
                  m.conversationId(),
                  m.userId(),
                  m.role(),
                  m.joinedSeq(),
                  m.deliveredSeq(),
                  m.readSeq(),
                  m.leftSeq(),
                  after);
            });
  }

  @Override
  public long unreadCount(Member member) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> rs.getLong(1),
                    "SELECT COUNT(*) FROM members mb JOIN messages m"
                        + " ON m.conversation_id = mb.conversation_id"
                        + " WHERE mb.conversation_id = ? AND mb.user_id = ? AND"
                        + UNREAD,
                    member.conversationId(),
                    member.userId())
                .orElse(0L));
  }

  @Override
  public Map<String, Long> unreadCounts(String userId) {
    return Sql.read(
        db,
        c -> {
          Map<String, Long> out = new HashMap<>();
          Sql.list(
                  c,
                  rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                  "SELECT mb.conversation_id, COUNT(*) FROM members mb JOIN messages m"
                      + " ON m.conversation_id = mb.conversation_id"
                      + " WHERE mb.user_id = ? AND mb.left_seq = 0 AND"
                      + UNREAD
                      + " GROUP BY mb.conversation_id",
                  userId)
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }
}
