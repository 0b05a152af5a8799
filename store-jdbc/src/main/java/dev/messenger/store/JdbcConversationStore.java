package dev.messenger.store;

import dev.messenger.core.MessengerException;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Membership;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.store.ConversationStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ConversationStore} on SQL: creations and membership changes are writes of the {@link
 * GroupCommitWriter}, each in the transaction of its system message, applying the rules of {@link
 * Membership}; each records its webhook event ({@code conversation.created}, {@code member.added},
 * {@code member.removed}; PROTOCOL.md section 8) in that transaction; reads on the pool. A direct
 * conversation is unique per pair through {@code conversations.direct_key}. Thread-safe.
 */
public final class JdbcConversationStore implements ConversationStore {
  private final Database db;

  public JdbcConversationStore(Database db) {
    this.db = db;
  }

  @Override
  public CompletableFuture<Conversation> openDirect(
      String userA, String userB, String newId, long ts) {
    String key = Rows.directKey(userA, userB);
    return db.writer()
        .submit(
            c -> {
              Optional<Conversation> existing =
                  Sql.one(
                      c,
                      Rows::conversation,
                      "SELECT "
                          + Rows.CONVERSATION_COLUMNS
                          + " FROM conversations WHERE direct_key = ?",
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
              List<Member> members = new java.util.ArrayList<>();
              for (String u : List.of(userA, userB)) {
                Member m = Membership.founder(newId, u, Member.Role.MEMBER);
                Rows.insertMember(c, m);
                members.add(m);
              }
              Conversation made =
                  new Conversation(newId, Conversation.Kind.DIRECT, null, 0, ts, ts);
              db.outbox().record(c, "conversation.created", newId, 0, created(made, members, null));
              return made;
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
              List<Member> members = new java.util.ArrayList<>();
              members.add(Membership.founder(id, creatorId, Member.Role.ADMIN));
              for (String u : memberIds) {
                members.add(Membership.founder(id, u, Member.Role.MEMBER));
              }
              for (Member m : members) {
                Rows.insertMember(c, m);
              }
              Message created =
                  Message.system(
                      id,
                      1,
                      ts,
                      new SystemEvent(SystemEvent.Action.CREATED, null, creatorId, name));
              Rows.insert(c, created);
              Conversation made = new Conversation(id, Conversation.Kind.GROUP, name, 1, ts, ts);
              db.outbox().record(c, "conversation.created", id, 1, created(made, members, created));
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
              long seq = Rows.nextSeq(c, conversationId, ts);
              Message m = Message.system(conversationId, seq, ts, event);
              Rows.insert(c, m);
              switch (event.action()) {
                case MEMBER_ADDED -> {
                  Member previous = Rows.memberIn(c, conversationId, event.userId()).orElse(null);
                  Member joined = Membership.joined(previous, conversationId, event.userId(), seq);
                  if (previous == null) {
                    Rows.insertMember(c, joined);
                  } else {
                    Rows.updateMember(c, joined);
                  }
                }
                case MEMBER_REMOVED, MEMBER_LEFT -> {
                  Optional<Member> leaving = Rows.memberIn(c, conversationId, event.userId());
                  if (leaving.isPresent()) {
                    // Only the column the rule changed: a concurrent ack of this member keeps
                    // its cursors.
                    Member left = Membership.left(leaving.get(), seq);
                    Sql.update(
                        c,
                        "UPDATE members SET left_seq = ? WHERE conversation_id = ? AND user_id = ?",
                        left.leftSeq(),
                        conversationId,
                        left.userId());
                  }
                  Optional<Member> heir = Membership.heir(Rows.activeMembersIn(c, conversationId));
                  if (heir.isPresent()) {
                    Sql.update(
                        c,
                        "UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ?",
                        heir.get().role().wire(),
                        conversationId,
                        heir.get().userId());
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
              switch (event.action()) {
                case MEMBER_ADDED -> db.outbox().record(c, "member.added", conversationId, seq, m);
                case MEMBER_REMOVED, MEMBER_LEFT ->
                    db.outbox().record(c, "member.removed", conversationId, seq, m);
                default -> {}
              }
              return m;
            });
  }

  /**
   * The {@code conversation.created} event's data: the summary as the founders see it at once (no
   * viewer's own fields; the webhook writer leaves those out).
   */
  private static ConversationSummary created(
      Conversation made, List<Member> members, Message lastMessage) {
    return new ConversationSummary(made, members, lastMessage, List.of(), 0, null);
  }

  @Override
  public Optional<Conversation> conversation(String conversationId) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                Rows::conversation,
                "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations WHERE id = ?",
                conversationId));
  }

  @Override
  public Optional<Conversation> findDirect(String userA, String userB) {
    return Sql.read(
        db,
        c ->
            Sql.one(
                c,
                Rows::conversation,
                "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations WHERE direct_key = ?",
                Rows.directKey(userA, userB)));
  }

  @Override
  public Optional<Member> member(String conversationId, String userId) {
    return Sql.read(db, c -> Rows.memberIn(c, conversationId, userId));
  }

  @Override
  public List<Member> activeMembers(String conversationId) {
    return Sql.read(db, c -> Rows.activeMembersIn(c, conversationId));
  }

  @Override
  public List<Conversation> conversationsOf(String userId) {
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                Rows::conversation,
                "SELECT c.id, c.kind, c.name, c.last_seq, c.last_activity, c.created_at"
                    + " FROM conversations c JOIN members m ON m.conversation_id = c.id"
                    + " WHERE m.user_id = ? AND m.left_seq = 0"
                    + " ORDER BY c.last_activity DESC, c.id",
                userId));
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
}
