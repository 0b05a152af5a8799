package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.Update;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The rows of the message store's tables as the three JDBC ports share them: column lists, row
 * mappers, the seq allocation and the inserts and updates more than one port makes. Stateless.
 */
final class Rows {
  private Rows() {}

  static final String MESSAGE_COLUMNS =
      "conversation_id, seq, sender_id, client_id, ts, kind, body, attachments, event_action,"
          + " event_user_id, event_name, sender_device_id, reply_to, mentions, forwarded, edited_at,"
          + " deleted, update_action, update_target, update_body, update_emoji, update_seq";
  static final String MEMBER_INSERT_COLUMNS =
      "conversation_id, user_id, role, joined_seq, delivered_seq, read_seq, left_seq";
  static final String MEMBER_COLUMNS =
      MEMBER_INSERT_COLUMNS + ", muted_until, archived, cleared_seq";
  static final String CONVERSATION_COLUMNS = "id, kind, name, last_seq, last_activity, created_at";

  static void insertMember(Connection c, Member m) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO members (" + MEMBER_INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        m.conversationId(),
        m.userId(),
        m.role().wire(),
        m.joinedSeq(),
        m.deliveredSeq(),
        m.readSeq(),
        m.leftSeq());
  }

  /** Writes every field of an existing member row as {@code m} has it. */
  static void updateMember(Connection c, Member m) throws SQLException {
    Sql.updateCached(
        c,
        "UPDATE members SET role = ?, joined_seq = ?, delivered_seq = ?, read_seq = ?,"
            + " left_seq = ? WHERE conversation_id = ? AND user_id = ?",
        m.role().wire(),
        m.joinedSeq(),
        m.deliveredSeq(),
        m.readSeq(),
        m.leftSeq(),
        m.conversationId(),
        m.userId());
  }

  static Optional<Member> memberIn(Connection c, String conversationId, String userId)
      throws SQLException {
    return Sql.one(
        c,
        Rows::member,
        "SELECT " + MEMBER_COLUMNS + " FROM members WHERE conversation_id = ? AND user_id = ?",
        conversationId,
        userId);
  }

  /** The active members in seniority order. */
  static List<Member> activeMembersIn(Connection c, String conversationId) throws SQLException {
    return Sql.list(
        c,
        Rows::member,
        "SELECT "
            + MEMBER_COLUMNS
            + " FROM members WHERE conversation_id = ? AND left_seq = 0"
            + " ORDER BY joined_seq, user_id",
        conversationId);
  }

  /**
   * Allocates the conversation's next seq and sets its last activity; row-locks the conversation on
   * PostgreSQL until the transaction ends.
   */
  static long nextSeq(Connection c, String conversationId, long ts) throws SQLException {
    return Sql.oneCached(
            c,
            rs -> rs.getLong(1),
            "UPDATE conversations SET last_seq = last_seq + 1, last_activity = ?"
                + " WHERE id = ? RETURNING last_seq",
            ts,
            conversationId)
        .orElseThrow(() -> new MessengerException(ErrorCode.NOT_FOUND, "no such conversation"));
  }

  /** Inserts a message row, and its media links. */
  static void insert(Connection c, Message m) throws SQLException {
    SystemEvent e = m.event();
    MessageDetails d = m.details();
    Update u = d.update();
    Sql.updateCached(
        c,
        "INSERT INTO messages ("
            + MESSAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        m.conversationId(),
        m.seq(),
        m.senderId(),
        m.clientId(),
        m.ts(),
        m.kind().wire(),
        m.body(),
        AttachmentColumn.encode(m.attachments()),
        e == null ? null : e.action().wire(),
        e == null ? null : e.userId(),
        e == null ? null : e.name(),
        m.senderDeviceId(),
        Sql.bigint(d.replyTo()),
        d.mentions().isEmpty() ? null : String.join(",", d.mentions()),
        d.forwarded() ? 1 : 0,
        Sql.bigint(d.editedAt()),
        d.deleted() ? 1 : 0,
        u == null ? null : u.action().wire(),
        u == null ? Sql.NULL_BIGINT : u.target(),
        u == null ? null : u.body(),
        u == null ? null : u.emoji(),
        Sql.bigint(d.updateSeq()));
    for (var a : m.attachments()) {
      Sql.update(
          c,
          "INSERT INTO message_media (conversation_id, seq, media_id) VALUES (?, ?, ?)",
          m.conversationId(),
          m.seq(),
          a.id());
    }
  }

  static String directKey(String userA, String userB) {
    return userA.compareTo(userB) < 0 ? userA + "|" + userB : userB + "|" + userA;
  }

  static Message message(ResultSet rs) throws SQLException {
    String attachments = rs.getString(8);
    String action = rs.getString(9);
    Message.Kind kind = Message.Kind.fromWire(rs.getString(6));
    SystemEvent event =
        action == null
            ? null
            : new SystemEvent(
                SystemEvent.Action.fromWire(action),
                rs.getString(10),
                rs.getString(3),
                rs.getString(11));
    String updateAction = rs.getString(18);
    Update update =
        updateAction == null
            ? null
            : new Update(
                Update.Action.fromWire(updateAction),
                rs.getLong(19),
                rs.getString(20),
                rs.getString(21));
    String mentions = rs.getString(14);
    MessageDetails details =
        new MessageDetails(
            nullableLong(rs, 13),
            mentions == null || mentions.isEmpty() ? List.of() : List.of(mentions.split(",")),
            rs.getInt(15) != 0,
            nullableLong(rs, 16),
            rs.getInt(17) != 0,
            List.of(),
            update,
            nullableLong(rs, 22));
    return new Message(
        rs.getString(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(12),
        rs.getString(4),
        rs.getLong(5),
        kind,
        rs.getString(7),
        AttachmentColumn.decode(attachments),
        event,
        details);
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static Member member(ResultSet rs) throws SQLException {
    return new Member(
        rs.getString(1),
        rs.getString(2),
        "admin".equals(rs.getString(3)) ? Member.Role.ADMIN : Member.Role.MEMBER,
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        new MemberSettings(rs.getLong(8), rs.getInt(9) != 0, rs.getLong(10)));
  }

  static Conversation conversation(ResultSet rs) throws SQLException {
    return new Conversation(
        rs.getString(1),
        "group".equals(rs.getString(2)) ? Conversation.Kind.GROUP : Conversation.Kind.DIRECT,
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6));
  }
}
