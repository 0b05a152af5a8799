package dev.messenger.core.conversations;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.blocking.BlockRule;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.SystemEvent.Action;
import dev.messenger.core.store.ConversationStore;
import dev.messenger.core.store.MemberSettingsStore;
import dev.messenger.core.store.MessageLog;
import dev.messenger.core.store.UpdateLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Direct and group conversations (PROTOCOL.md "Conversations"): create, list, rename, add and
 * remove members, leave. Every membership change and rename is a system message, committed with the
 * change and fanned out like any message. Thread-safe; blocks on store reads (call off the event
 * loop); write futures complete after the commit. Rule violations are {@link MessengerException}s:
 * {@code not_found} for non-members, {@code forbidden} for non-admins and former members, {@code
 * too_large} past {@code max-group-size}. Methods that return a future report every failure in it,
 * never by throwing; the reads ({@link #list}, {@link #summary}) throw.
 */
public final class Conversations {
  private final ConversationStore store;
  private final MessageLog log;
  private final UpdateLog updates;
  private final MemberSettingsStore settings;
  private final AccountStore accounts;
  private final Access access;
  private final Fanout fanout;
  private final Clock clock;
  private final int maxGroupSize;
  private final BlockRule blocks;

  /**
   * @param store conversations and membership
   * @param log the messages, for each summary's last message
   * @param updates the pinned messages of each summary
   * @param settings what each member keeps for itself, and unread counts
   * @param maxGroupSize most members of a group, creator included (setting {@code max-group-size})
   */
  public Conversations(
      ConversationStore store,
      MessageLog log,
      UpdateLog updates,
      MemberSettingsStore settings,
      AccountStore accounts,
      Fanout fanout,
      Clock clock,
      int maxGroupSize) {
    this(store, log, updates, settings, accounts, fanout, clock, maxGroupSize, BlockRule.NONE);
  }

  /**
   * @param blocks no direct conversation opened, and no adding to a group, against a block
   *     (PROTOCOL.md section 6)
   */
  public Conversations(
      ConversationStore store,
      MessageLog log,
      UpdateLog updates,
      MemberSettingsStore settings,
      AccountStore accounts,
      Fanout fanout,
      Clock clock,
      int maxGroupSize,
      BlockRule blocks) {
    this.store = store;
    this.log = log;
    this.updates = updates;
    this.settings = settings;
    this.accounts = accounts;
    this.access = new Access(store);
    this.fanout = fanout;
    this.clock = clock;
    this.maxGroupSize = maxGroupSize;
    this.blocks = blocks;
  }

  /** Outcome of opening a direct conversation: its summary and whether this call created it. */
  public record Opened(ConversationSummary summary, boolean created) {}

  /** The direct conversation of two users, created if needed; {@code not_found} if no such peer. */
  public CompletableFuture<Conversation> directWith(String userId, String peerId) {
    return Futures.attempt(() -> directWithNow(userId, peerId));
  }

  private CompletableFuture<Conversation> directWithNow(String userId, String peerId) {
    if (peerId == null || peerId.length() > 64 || accounts.user(peerId).isEmpty()) {
      throw MessengerException.notFound("no such user");
    }
    if (peerId.equals(userId)) {
      throw MessengerException.badRequest("a direct conversation needs another user");
    }
    if (blocks.between(userId, peerId)) {
      throw MessengerException.forbidden("you cannot chat with this user");
    }
    var existing = store.findDirect(userId, peerId);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(existing.get());
    }
    return store.openDirect(userId, peerId, Ids.newId("c"), clock.millis());
  }

  /** {@link #directWith} with the caller's summary and whether it was created now. */
  public CompletableFuture<Opened> openDirect(Caller caller, String peerId) {
    return Futures.attempt(() -> openDirectNow(caller, peerId));
  }

  private CompletableFuture<Opened> openDirectNow(Caller caller, String peerId) {
    boolean existed = peerId != null && store.findDirect(caller.userId(), peerId).isPresent();
    return directWith(caller.userId(), peerId)
        .thenApply(c -> new Opened(summary(caller.userId(), c.id()), !existed));
  }

  /** Creates a group; the caller is its admin. */
  public CompletableFuture<ConversationSummary> createGroup(
      Caller caller, String name, List<String> memberIds) {
    return Futures.attempt(() -> createGroupNow(caller, name, memberIds));
  }

  private CompletableFuture<ConversationSummary> createGroupNow(
      Caller caller, String name, List<String> memberIds) {
    String groupName = requireName(name);
    if (memberIds == null) {
      throw MessengerException.badRequest("memberIds is required");
    }
    Set<String> others = new LinkedHashSet<>();
    for (String id : memberIds) {
      if (id == null) {
        throw MessengerException.badRequest("memberIds must hold user ids");
      }
      if (!id.equals(caller.userId())) {
        others.add(id);
      }
    }
    if (others.size() + 1 > maxGroupSize) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "a group has at most " + maxGroupSize + " members");
    }
    for (String id : others) {
      if (id.length() > 64 || accounts.user(id).isEmpty()) {
        throw MessengerException.notFound("no such user: " + id);
      }
      if (blocks.blocks(id, caller.userId())) {
        throw MessengerException.forbidden("you cannot add this user: " + id);
      }
    }
    return store
        .createGroup(
            Ids.newId("c"), groupName, caller.userId(), new ArrayList<>(others), clock.millis())
        .thenApply(
            created -> {
              publish(created, List.of());
              return summary(caller.userId(), created.conversationId());
            });
  }

  /** Renames a group (admins only). */
  public CompletableFuture<ConversationSummary> rename(
      Caller caller, String conversationId, String name) {
    return Futures.attempt(() -> renameNow(caller, conversationId, name));
  }

  private CompletableFuture<ConversationSummary> renameNow(
      Caller caller, String conversationId, String name) {
    String groupName = requireName(name);
    requireGroupAdmin(conversationId, caller.userId());
    SystemEvent event = new SystemEvent(Action.RENAMED, null, caller.userId(), groupName);
    return store
        .applyEvent(conversationId, event, clock.millis())
        .thenApply(
            m -> {
              publish(m, List.of());
              return summary(caller.userId(), conversationId);
            });
  }

  /** Adds a user to a group (admins only); adding an active member is a no-op. */
  public CompletableFuture<Void> addMember(Caller caller, String conversationId, String userId) {
    return Futures.attempt(() -> addMemberNow(caller, conversationId, userId));
  }

  private CompletableFuture<Void> addMemberNow(
      Caller caller, String conversationId, String userId) {
    requireGroupAdmin(conversationId, caller.userId());
    if (userId == null || userId.length() > 64 || accounts.user(userId).isEmpty()) {
      throw MessengerException.notFound("no such user");
    }
    if (blocks.blocks(userId, caller.userId())) {
      throw MessengerException.forbidden("you cannot add this user");
    }
    var existing = store.member(conversationId, userId);
    if (existing.isPresent() && existing.get().active()) {
      return CompletableFuture.completedFuture(null);
    }
    if (store.activeMembers(conversationId).size() + 1 > maxGroupSize) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "a group has at most " + maxGroupSize + " members");
    }
    SystemEvent event = new SystemEvent(Action.MEMBER_ADDED, userId, caller.userId(), null);
    return store
        .applyEvent(conversationId, event, clock.millis())
        .thenAccept(m -> publish(m, List.of()));
  }

  /**
   * Removes a member: an admin removing anyone, or any member removing itself (leaving). The
   * removed user gets the system message, then nothing more of the conversation.
   */
  public CompletableFuture<Void> removeMember(Caller caller, String conversationId, String userId) {
    return Futures.attempt(() -> removeMemberNow(caller, conversationId, userId));
  }

  private CompletableFuture<Void> removeMemberNow(
      Caller caller, String conversationId, String userId) {
    Member self = access.requireActive(conversationId, caller.userId());
    Conversation c = store.conversation(conversationId).orElseThrow();
    if (c.kind() != Conversation.Kind.GROUP) {
      throw MessengerException.badRequest("members of a direct conversation cannot change");
    }
    boolean leaving = caller.userId().equals(userId);
    if (!leaving && self.role() != Member.Role.ADMIN) {
      throw MessengerException.forbidden("only admins can remove members");
    }
    var target = userId == null ? null : store.member(conversationId, userId).orElse(null);
    if (target == null || !target.active()) {
      throw MessengerException.notFound("no such member");
    }
    List<Member> before = store.fanoutMembers(conversationId);
    SystemEvent event =
        new SystemEvent(
            leaving ? Action.MEMBER_LEFT : Action.MEMBER_REMOVED, userId, caller.userId(), null);
    return store
        .applyEvent(conversationId, event, clock.millis())
        .thenAccept(m -> publish(m, before));
  }

  /** The caller's conversations, most recently active first. */
  public List<ConversationSummary> list(String userId) {
    List<ConversationSummary> out = new ArrayList<>();
    Map<String, Long> unread = settings.unreadCounts(userId);
    Map<String, List<Long>> pinned = updates.pinnedOf(userId);
    for (Conversation c : store.conversationsOf(userId)) {
      out.add(
          summaryOf(
              userId, c, unread.getOrDefault(c.id(), 0L), pinned.getOrDefault(c.id(), List.of())));
    }
    return out;
  }

  /** One conversation's summary, if the caller is an active member. */
  public ConversationSummary summary(String userId, String conversationId) {
    Member self = access.requireActive(conversationId, userId);
    return summaryOf(
        userId,
        store.conversation(conversationId).orElseThrow(),
        settings.unreadCount(self),
        updates.pinned(conversationId));
  }

  /** How many of the newest messages a summary looks through for one that is not an update. */
  private static final int LAST_MESSAGE_SCAN = 20;

  private ConversationSummary summaryOf(
      String userId, Conversation c, long unread, List<Long> pinned) {
    List<Member> members = store.activeMembers(c.id());
    Member self = members.stream().filter(m -> m.userId().equals(userId)).findFirst().orElse(null);
    long floor = self == null ? Long.MAX_VALUE : self.firstVisibleSeq();
    Message last = null;
    Long before = null;
    // The newest visible message that is not an update entry, read a few at a time.
    while (last == null) {
      List<Message> page = log.messages(c.id(), floor, before, null, LAST_MESSAGE_SCAN);
      for (int i = page.size() - 1; i >= 0 && last == null; i--) {
        if (page.get(i).kind() != Message.Kind.UPDATE) {
          last = page.get(i);
        }
      }
      if (page.size() < LAST_MESSAGE_SCAN) {
        break;
      }
      before = page.get(0).seq();
    }
    return new ConversationSummary(
        c, members, last, pinned, unread, self == null ? null : self.settings());
  }

  private void requireGroupAdmin(String conversationId, String userId) {
    Member self = access.requireActive(conversationId, userId);
    Conversation c = store.conversation(conversationId).orElseThrow();
    if (c.kind() != Conversation.Kind.GROUP) {
      throw MessengerException.badRequest("only groups have admins, names and member changes");
    }
    if (self.role() != Member.Role.ADMIN) {
      throw MessengerException.forbidden("only admins can do this");
    }
  }

  /** Fans a committed system message out to the members now plus {@code alsoTo}'s users. */
  private void publish(Message m, List<Member> alsoTo) {
    var event = new BusEvent.MessageStored(m);
    Set<String> sent = new LinkedHashSet<>();
    for (Member member : store.fanoutMembers(m.conversationId())) {
      sent.add(member.userId());
    }
    for (Member member : alsoTo) {
      sent.add(member.userId());
    }
    for (String userId : sent) {
      fanout.toUser(userId, event);
    }
  }

  private static String requireName(String name) {
    if (name == null) {
      throw MessengerException.badRequest("name is required");
    }
    String n = name.strip();
    return Text.requireLength("name", n, 1, 100);
  }
}
