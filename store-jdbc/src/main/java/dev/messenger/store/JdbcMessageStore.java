package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.conversations.Conversation;
import dev.messenger.core.conversations.Member;
import dev.messenger.core.messaging.AppendResult;
import dev.messenger.core.messaging.Message;
import dev.messenger.core.messaging.MessageStore;
import dev.messenger.core.messaging.NewMessage;
import dev.messenger.core.messaging.SystemEvent;
import dev.messenger.core.model.Cursors;
import dev.messenger.core.model.Membership;
import dev.messenger.core.receipts.CursorMove;
import dev.messenger.core.receipts.ReceiptStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageStore} on SQL. Writes go through the {@link GroupCommitWriter}; {@code seq} is
 * allocated inside the write transaction with {@code UPDATE conversations SET last_seq = last_seq +
 * 1 ... RETURNING last_seq}, which row-locks the conversation on PostgreSQL, so concurrent writers
 * on several nodes get unique, gap-free seqs. Thread-safe.
 */
public final class JdbcMessageStore implements MessageStore {
  private static final String MESSAGE_COLUMNS =
      "conversation_id, seq, sender_id, client_id, ts, kind, body, attachments, event_action,"
          + " event_user_id, event_name, sender_device_id";
  private static final String MEMBER_COLUMNS =
      "conversation_id, user_id, role, joined_seq, delivered_seq, read_seq, left_seq";
  private static final String CONVERSATION_COLUMNS =
      "id, kind, name, last_seq, last_activity, created_at";

  private final Database db;

  public JdbcMessageStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<AppendResult> append(NewMessage m) {
    return db.writer()
        .submit(m.conversationId(), c -> appendIn(c, m))
        .exceptionallyCompose(
            // A concurrent writer on another node stored the same clientId first: read it back.
            e ->
                MessengerException.unwrap(e).getCause() instanceof SQLException sql
                        && db.dialect().isUniqueViolation(sql)
                    ? db.writer().submit(m.conversationId(), c -> appendIn(c, m))
                    : CompletableFuture.failedFuture(e));
  }

  private AppendResult appendIn(Connection c, NewMessage m) throws SQLException {
    // The writer's hot path: statements cached on the writer's connection.
    Optional<Message> existing =
        Sql.oneCached(
            c,
            JdbcMessageStore::message,
            "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE sender_id = ? AND client_id = ?",
            m.senderId(),
            m.clientId());
    if (existing.isPresent()) {
      return new AppendResult(existing.get(), true);
    }
    Message stored = m.at(nextSeq(c, m.conversationId(), m.ts()));
    insert(c, stored);
    return new AppendResult(stored, false);
  }

  @Override
  public CompletableFuture<Conversation> openDirect(
      String userA, String userB, String newId, long ts) {
    String key = directKey(userA, userB);
    return db.writer()
        .submit(
            c -> {
              Optional<Conversation> existing =
                  Sql.one(
                      c,
                      JdbcMessageStore::conversation,
                      "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE direct_key = ?",
                      key);
              if (existing.isPresent()) {
                return existing.get();
              }
              Sql.update(
                  c,
                  "INSERT INTO conversations (id, kind, name, direct_key, last_seq, last_activity,"
                      + " created_at) VALUES (?, 'direct', NULL, ?, 0, ?, ?)",
                  newId,
                  key,
                  ts,
                  ts);
              for (String u : List.of(userA, userB)) {
                insertMember(c, Membership.founder(newId, u, Member.Role.MEMBER));
              }
              return new Conversation(newId, Conversation.Kind.DIRECT, null, 0, ts, ts);
            })
        .exceptionallyCompose(
            e ->
                MessengerException.unwrap(e).getCause() instanceof SQLException sql
                        && db.dialect().isUniqueViolation(sql)
                    ? CompletableFuture.completedFuture(findDirect(userA, userB).orElseThrow())
                    : CompletableFuture.failedFuture(e));
  }

  @Override
  public CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts) {
    return db.writer()
        .submit(
            c -> {
              Sql.update(
                  c,
                  "INSERT INTO conversations (id, kind, name, direct_key, last_seq, last_activity,"
                      + " created_at) VALUES (?, 'group', ?, NULL, 1, ?, ?)",
                  id,
                  name,
                  ts,
                  ts);
              insertMember(c, Membership.founder(id, creatorId, Member.Role.ADMIN));
              for (String u : memberIds) {
                insertMember(c, Membership.founder(id, u, Member.Role.MEMBER));
              }
              Message created =
                  Message.system(
                      id,
                      1,
                      ts,
                      new SystemEvent(SystemEvent.Action.CREATED, null, creatorId, name));
              insert(c, created);
              return created;
            });
  }

  @Override
  public CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts) {
    return db.writer()
        .submit(
            conversationId,
            c -> {
              Membership.requireApplicable(event);
              long seq = nextSeq(c, conversationId, ts);
              Message m = Message.system(conversationId, seq, ts, event);
              insert(c, m);
              switch (event.action()) {
                case MEMBER_ADDED -> {
                  Member previous = memberIn(c, conversationId, event.userId()).orElse(null);
                  Member joined = Membership.joined(previous, conversationId, event.userId(), seq);
                  if (previous == null) {
                    insertMember(c, joined);
                  } else {
                    updateMember(c, joined);
                  }
                }
                case MEMBER_REMOVED, MEMBER_LEFT -> {
                  Optional<Member> leaving = memberIn(c, conversationId, event.userId());
                  if (leaving.isPresent()) {
                    updateMember(c, Membership.left(leaving.get(), seq));
                  }
                  Optional<Member> heir = Membership.heir(activeMembersIn(c, conversationId));
                  if (heir.isPresent()) {
                    updateMember(c, heir.get());
                  }
                }
                case RENAMED ->
                    Sql.update(
                        c,
                        "UPDATE conversations SET name = ? WHERE id = ?",
                        event.name(),
                        conversationId);
                case CREATED -> throw new IllegalStateException("refused above");
              }
              return m;
            });
  }

  private static void insertMember(Connection c, Member m) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        m.conversationId(),
        m.userId(),
        m.role().wire(),
        m.joinedSeq(),
        m.deliveredSeq(),
        m.readSeq(),
        m.leftSeq());
  }

  /** Writes every field of an existing member row as {@code m} has it. */
  private static void updateMember(Connection c, Member m) throws SQLException {
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

  @Override
  public CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq) {
    return db.writer()
        .submit(
            conversationId,
            c -> {
              long lastSeq =
                  Sql.oneCached(
                          c,
                          rs -> rs.getLong(1),
                          "SELECT last_seq FROM conversations WHERE id = ?",
                          conversationId)
                      .orElseThrow(() -> MessengerException.notFound("no such conversation"));
              Member m =
                  Sql.oneCached(
                          c,
                          JdbcMessageStore::member,
                          "SELECT "
                              + MEMBER_COLUMNS
                              + " FROM members WHERE conversation_id = ? AND user_id = ?",
                          conversationId,
                          userId)
                      .orElse(null);
              CursorMove move = Cursors.advance(m, lastSeq, status, seq);
              if (move.deliveredMoved() || move.readMoved()) {
                Sql.updateCached(
                    c,
                    "UPDATE members SET delivered_seq = ?, read_seq = ?"
                        + " WHERE conversation_id = ? AND user_id = ?",
                    move.member().deliveredSeq(),
                    move.member().readSeq(),
                    conversationId,
                    userId);
              }
              return move;
            });
  }

  @Override
  public Optional<Conversation> conversation(String conversationId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcMessageStore::conversation,
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ?",
                conversationId));
  }

  @Override
  public Optional<Conversation> findDirect(String userA, String userB) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                JdbcMessageStore::conversation,
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE direct_key = ?",
                directKey(userA, userB)));
  }

  @Override
  public Optional<Member> member(String conversationId, String userId) {
    return Sql.read(db, c -> memberIn(c, conversationId, userId));
  }

  private static Optional<Member> memberIn(Connection c, String conversationId, String userId)
      throws SQLException {
    return Sql.one(
        c,
        JdbcMessageStore::member,
        "SELECT " + MEMBER_COLUMNS + " FROM members WHERE conversation_id = ? AND user_id = ?",
        conversationId,
        userId);
  }

  @Override
  public List<Member> activeMembers(String conversationId) {
    return Sql.read(db, c -> activeMembersIn(c, conversationId));
  }

  private static List<Member> activeMembersIn(Connection c, String conversationId)
      throws SQLException {
    return Sql.list(
        c,
        JdbcMessageStore::member,
        "SELECT "
            + MEMBER_COLUMNS
            + " FROM members WHERE conversation_id = ? AND left_seq = 0"
            + " ORDER BY joined_seq, user_id",
        conversationId);
  }

  @Override
  public List<Conversation> conversationsOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                JdbcMessageStore::conversation,
                "SELECT c.id, c.kind, c.name, c.last_seq, c.last_activity, c.created_at"
                    + " FROM conversations c JOIN members m ON m.conversation_id = c.id"
                    + " WHERE m.user_id = ? AND m.left_seq = 0"
                    + " ORDER BY c.last_activity DESC, c.id",
                userId));
  }

  @Override
  public List<Message> messages(
      String conversationId, long minSeq, Long before, Long after, int limit) {
    String base =
        "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq >= ?";
    return Sql.read(
        db,
        c -> {
          if (after != null && before != null) {
            return Sql.list(
                c,
                JdbcMessageStore::message,
                base + " AND seq > ? AND seq < ? ORDER BY seq LIMIT ?",
                conversationId,
                minSeq,
                after,
                before,
                limit);
          }
          if (after != null) {
            return Sql.list(
                c,
                JdbcMessageStore::message,
                base + " AND seq > ? ORDER BY seq LIMIT ?",
                conversationId,
                minSeq,
                after,
                limit);
          }
          List<Message> newestFirst =
              before != null
                  ? Sql.list(
                      c,
                      JdbcMessageStore::message,
                      base + " AND seq < ? ORDER BY seq DESC LIMIT ?",
                      conversationId,
                      minSeq,
                      before,
                      limit)
                  : Sql.list(
                      c,
                      JdbcMessageStore::message,
                      base + " ORDER BY seq DESC LIMIT ?",
                      conversationId,
                      minSeq,
                      limit);
          List<Message> ascending = new ArrayList<>(newestFirst);
          Collections.reverse(ascending);
          return ascending;
        });
  }

  @Override
  public boolean shareConversation(String userA, String userB) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                    c,
                    rs -> rs.getInt(1),
                    "SELECT 1 FROM members a JOIN members b ON a.conversation_id ="
                        + " b.conversation_id WHERE a.user_id = ? AND b.user_id = ?"
                        + " AND a.left_seq = 0 AND b.left_seq = 0 LIMIT 1",
                    userA,
                    userB)
                .isPresent());
  }

  private static long nextSeq(Connection c, String conversationId, long ts) throws SQLException {
    return Sql.oneCached(
            c,
            rs -> rs.getLong(1),
            "UPDATE conversations SET last_seq = last_seq + 1, last_activity = ?"
                + " WHERE id = ? RETURNING last_seq",
            ts,
            conversationId)
        .orElseThrow(() -> new MessengerException(ErrorCode.NOT_FOUND, "no such conversation"));
  }

  private static void insert(Connection c, Message m) throws SQLException {
    SystemEvent e = m.event();
    Sql.updateCached(
        c,
        "INSERT INTO messages ("
            + MESSAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        m.senderDeviceId());
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

  private static Message message(ResultSet rs) throws SQLException {
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
        event);
  }

  private static Member member(ResultSet rs) throws SQLException {
    return new Member(
        rs.getString(1),
        rs.getString(2),
        "admin".equals(rs.getString(3)) ? Member.Role.ADMIN : Member.Role.MEMBER,
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7));
  }

  private static Conversation conversation(ResultSet rs) throws SQLException {
    return new Conversation(
        rs.getString(1),
        "group".equals(rs.getString(2)) ? Conversation.Kind.GROUP : Conversation.Kind.DIRECT,
        rs.getString(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6));
  }
}
