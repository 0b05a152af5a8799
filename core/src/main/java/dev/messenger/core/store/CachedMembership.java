package dev.messenger.core.store;

import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link ConversationStore} that keeps each conversation's active members in memory for {@link
 * #fanoutMembers}: the send path's membership check and fan-out list (DESIGN.md "The send path":
 * "checks membership (cached)"), so a send reads no row. Everything else, {@link #activeMembers}
 * included, is passed through to the store.
 *
 * <p>The cache is kept right through the bus: every membership change made through this store calls
 * {@code onChanged} with the conversation id after its commit (the wiring publishes it to every
 * node), and each node calls {@link #invalidate} when it hears of one, or {@link #clear} after the
 * bus lost events. A read that races an invalidation is not cached.
 *
 * <p>The cached members' cursors ({@code deliveredSeq}, {@code readSeq}) are those of when they
 * were read, as {@link ConversationStore#fanoutMembers} allows. Bounded at {@code maxConversations}
 * entries; when full, the whole cache is dropped and refilled on demand. Empty member lists (a
 * conversation not yet created) are never cached. Thread-safe.
 */
public final class CachedMembership implements ConversationStore {
  private final ConversationStore store;
  private final Consumer<String> onChanged;
  private final int maxConversations;
  private final Map<String, List<Member>> members = new ConcurrentHashMap<>();

  /** Bumped by every invalidation: a read that saw another value is not cached. */
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param onChanged told the conversation id after each committed membership change made here
   * @param maxConversations most conversations kept; beyond it the cache is dropped
   */
  public CachedMembership(
      ConversationStore store, Consumer<String> onChanged, int maxConversations) {
    this.store = store;
    this.onChanged = onChanged;
    this.maxConversations = maxConversations;
  }

  /** Forgets one conversation's members (a membership change somewhere in the cluster). */
  public void invalidate(String conversationId) {
    generation.incrementAndGet();
    members.remove(conversationId);
  }

  /** Forgets everything (the bus lost events). */
  public void clear() {
    generation.incrementAndGet();
    members.clear();
  }

  @Override
  public boolean fanoutMembersCached(String conversationId) {
    return members.containsKey(conversationId);
  }

  @Override
  public List<Member> activeMembers(String conversationId) {
    return store.activeMembers(conversationId);
  }

  @Override
  public List<Member> fanoutMembers(String conversationId) {
    List<Member> cached = members.get(conversationId);
    if (cached != null) {
      return cached;
    }
    long seen = generation.get();
    List<Member> read = List.copyOf(store.activeMembers(conversationId));
    if (!read.isEmpty() && generation.get() == seen) {
      if (members.size() >= maxConversations) {
        members.clear();
      }
      members.put(conversationId, read);
      if (generation.get() != seen) {
        members.remove(conversationId, read);
      }
    }
    return read;
  }

  @Override
  public CompletableFuture<Conversation> openDirect(
      String userA, String userB, String newId, long ts) {
    return store.openDirect(userA, userB, newId, ts);
  }

  @Override
  public CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts) {
    return store.createGroup(id, name, creatorId, memberIds, ts);
  }

  @Override
  public CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts) {
    return store
        .applyEvent(conversationId, event, ts)
        .thenApply(
            m -> {
              invalidate(conversationId);
              onChanged.accept(conversationId);
              return m;
            });
  }

  @Override
  public Optional<Conversation> conversation(String conversationId) {
    return store.conversation(conversationId);
  }

  @Override
  public Optional<Conversation> findDirect(String userA, String userB) {
    return store.findDirect(userA, userB);
  }

  @Override
  public Optional<Member> member(String conversationId, String userId) {
    return store.member(conversationId, userId);
  }

  @Override
  public List<Conversation> conversationsOf(String userId) {
    return store.conversationsOf(userId);
  }

  @Override
  public boolean shareConversation(String userA, String userB) {
    return store.shareConversation(userA, userB);
  }
}
