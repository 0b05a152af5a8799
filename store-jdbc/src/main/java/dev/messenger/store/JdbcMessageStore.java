package dev.messenger.store;

import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.store.UpdateResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The store ports on one SQL database, for the composition root: {@link JdbcConversationStore},
 * {@link JdbcMessageLog} and {@link JdbcCursorStore}, {@link JdbcUpdateLog} and {@link
 * JdbcMemberSettingsStore}, to which every call goes. Thread-safe.
 */
public final class JdbcMessageStore implements MessageStore {
  private final JdbcConversationStore conversations;
  private final JdbcMessageLog log;
  private final JdbcCursorStore cursors;
  private final JdbcUpdateLog updates;
  private final JdbcMemberSettingsStore settings;

  public JdbcMessageStore(Database db) {
    this.conversations = new JdbcConversationStore(db);
    this.log = new JdbcMessageLog(db);
    this.cursors = new JdbcCursorStore(db);
    this.updates = new JdbcUpdateLog(db);
    this.settings = new JdbcMemberSettingsStore(db);
  }

  @Override
  public CompletableFuture<UpdateResult> update(NewUpdate update, Rule rule) {
    return updates.update(update, rule);
  }

  @Override
  public Optional<Message> message(String conversationId, long seq) {
    return log.message(conversationId, seq);
  }

  @Override
  public List<Long> pinned(String conversationId) {
    return updates.pinned(conversationId);
  }

  @Override
  public Map<String, List<Long>> pinnedOf(String userId) {
    return updates.pinnedOf(userId);
  }

  @Override
  public CompletableFuture<Member> changeSettings(
      String conversationId, String userId, UnaryOperator<MemberSettings> change) {
    return settings.changeSettings(conversationId, userId, change);
  }

  @Override
  public long unreadCount(Member member) {
    return settings.unreadCount(member);
  }

  @Override
  public Map<String, Long> unreadCounts(String userId) {
    return settings.unreadCounts(userId);
  }

  @Override
  public CompletableFuture<AppendResult> append(NewMessage message) {
    return log.append(message);
  }

  @Override
  public List<Message> messages(
      String conversationId, long minSeq, Long before, Long after, int limit) {
    return log.messages(conversationId, minSeq, before, after, limit);
  }

  @Override
  public CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq) {
    return cursors.advanceCursor(conversationId, userId, status, seq);
  }

  @Override
  public CompletableFuture<Conversation> openDirect(
      String userA, String userB, String newId, long ts) {
    return conversations.openDirect(userA, userB, newId, ts);
  }

  @Override
  public CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts) {
    return conversations.createGroup(id, name, creatorId, memberIds, ts);
  }

  @Override
  public CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts) {
    return conversations.applyEvent(conversationId, event, ts);
  }

  @Override
  public Optional<Conversation> conversation(String conversationId) {
    return conversations.conversation(conversationId);
  }

  @Override
  public Optional<Conversation> findDirect(String userA, String userB) {
    return conversations.findDirect(userA, userB);
  }

  @Override
  public Optional<Member> member(String conversationId, String userId) {
    return conversations.member(conversationId, userId);
  }

  @Override
  public List<Member> activeMembers(String conversationId) {
    return conversations.activeMembers(conversationId);
  }

  @Override
  public List<Conversation> conversationsOf(String userId) {
    return conversations.conversationsOf(userId);
  }

  @Override
  public boolean shareConversation(String userA, String userB) {
    return conversations.shareConversation(userA, userB);
  }
}
