package dev.messenger.core.testing;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.Cursors;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Membership;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.TargetState;
import dev.messenger.core.model.Update;
import dev.messenger.core.model.Updates;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.store.UpdateResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link MessageStore} in memory, per the interface's Javadoc. The domain rules (founders,
 * re-added members, the heir admin, cursors) are the same functions the SQL store calls ({@link
 * Membership}, {@link Cursors}); this class only keeps the rows. Thread-safe: every method holds
 * this object's lock. Writes apply and complete at once, on the caller's thread (never while
 * holding the lock), unless the test {@linkplain #pauseWrites() paused} them, or made them
 * {@linkplain #failWrites fail} as a failed commit would.
 */
public final class InMemoryMessageStore implements MessageStore {
  private final Map<String, Conversation> conversations = new HashMap<>();
  private final Map<String, String> directByKey = new HashMap<>();

  /** By conversation, then user, in insertion order. */
  private final Map<String, Map<String, Member>> members = new HashMap<>();

  /** By conversation, index seq - 1. */
  private final Map<String, List<Message>> messages = new HashMap<>();

  /** By "sender|clientId". */
  private final Map<String, Message> byClientId = new HashMap<>();

  /** Pinned seqs by conversation. */
  private final Map<String, TreeSet<Long>> pins = new HashMap<>();

  private final List<Runnable> held = new ArrayList<>();
  private boolean paused;
  private MessengerException writeFailure;
  private int writes;

  /**
   * Holds every write from now on: not applied, not visible to reads, its future not completed,
   * until {@link #resumeWrites()}; as a commit that has not happened yet.
   */
  public synchronized void pauseWrites() {
    paused = true;
  }

  /** Applies the held writes in submission order, completing each future, and stops holding. */
  public void resumeWrites() {
    List<Runnable> toRun;
    synchronized (this) {
      paused = false;
      toRun = List.copyOf(held);
      held.clear();
    }
    toRun.forEach(Runnable::run);
  }

  /** Writes held by {@link #pauseWrites()}. */
  public synchronized int heldWrites() {
    return held.size();
  }

  /**
   * Makes every write from now on fail with {@code failure} (null: succeed again) and change
   * nothing, as when the commit fails.
   */
  public synchronized void failWrites(MessengerException failure) {
    this.writeFailure = failure;
  }

  /** Writes accepted so far (applied, held or failed). */
  public synchronized int writeCount() {
    return writes;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public CompletableFuture<AppendResult> append(NewMessage m) {
    return write(() -> appendNow(m));
  }

  private AppendResult appendNow(NewMessage m) {
    Message existing = byClientId.get(clientKey(m.senderId(), m.clientId()));
    if (existing != null) {
      return new AppendResult(existing, true);
    }
    Message stored = m.at(nextSeq(m.conversationId(), m.ts()));
    store(stored);
    return new AppendResult(stored, false);
  }

  @Override
  public CompletableFuture<Conversation> openDirect(
      String userA, String userB, String newId, long ts) {
    return write(
        () -> {
          String existing = directByKey.get(directKey(userA, userB));
          if (existing != null) {
            return conversations.get(existing);
          }
          requireNew(newId);
          Conversation c = new Conversation(newId, Conversation.Kind.DIRECT, null, 0, ts, ts);
          conversations.put(newId, c);
          directByKey.put(directKey(userA, userB), newId);
          messages.put(newId, new ArrayList<>());
          Map<String, Member> ms = new LinkedHashMap<>();
          for (String u : List.of(userA, userB)) {
            ms.put(u, Membership.founder(newId, u, Member.Role.MEMBER));
          }
          members.put(newId, ms);
          return c;
        });
  }

  @Override
  public CompletableFuture<Message> createGroup(
      String id, String name, String creatorId, List<String> memberIds, long ts) {
    return write(
        () -> {
          requireNew(id);
          Map<String, Member> ms = new LinkedHashMap<>();
          ms.put(creatorId, Membership.founder(id, creatorId, Member.Role.ADMIN));
          for (String u : memberIds) {
            if (ms.containsKey(u)) {
              throw new MessengerException(ErrorCode.UNAVAILABLE, "duplicate member " + u);
            }
            ms.put(u, Membership.founder(id, u, Member.Role.MEMBER));
          }
          conversations.put(id, new Conversation(id, Conversation.Kind.GROUP, name, 1, ts, ts));
          members.put(id, ms);
          messages.put(id, new ArrayList<>());
          Message created =
              Message.system(
                  id, 1, ts, new SystemEvent(SystemEvent.Action.CREATED, null, creatorId, name));
          store(created);
          return created;
        });
  }

  @Override
  public CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts) {
    return write(
        () -> {
          Membership.requireApplicable(event);
          long seq = nextSeq(conversationId, ts);
          Message m = Message.system(conversationId, seq, ts, event);
          store(m);
          Map<String, Member> ms = members.get(conversationId);
          switch (event.action()) {
            case MEMBER_ADDED ->
                ms.put(
                    event.userId(),
                    Membership.joined(ms.get(event.userId()), conversationId, event.userId(), seq));
            case MEMBER_REMOVED, MEMBER_LEFT -> {
              Member old = ms.get(event.userId());
              if (old != null) {
                ms.put(event.userId(), Membership.left(old, seq));
              }
              Membership.heir(ms.values()).ifPresent(heir -> ms.put(heir.userId(), heir));
            }
            case RENAMED -> {
              Conversation c = conversations.get(conversationId);
              conversations.put(
                  conversationId,
                  new Conversation(
                      c.id(),
                      c.kind(),
                      event.name(),
                      c.lastSeq(),
                      c.lastActivity(),
                      c.createdAt()));
            }
            case CREATED -> throw new AssertionError("handled above");
          }
          return m;
        });
  }

  @Override
  public CompletableFuture<CursorMove> advanceCursor(
      String conversationId, String userId, ReceiptStatus status, long seq) {
    return write(
        () -> {
          Conversation c = conversations.get(conversationId);
          if (c == null) {
            throw MessengerException.notFound("no such conversation");
          }
          CursorMove move =
              Cursors.advance(members.get(conversationId).get(userId), c.lastSeq(), status, seq);
          members.get(conversationId).put(userId, move.member());
          return move;
        });
  }

  @Override
  public CompletableFuture<UpdateResult> update(NewUpdate u, Rule rule) {
    return write(
        () -> {
          String id = u.conversationId();
          Conversation c = conversations.get(id);
          List<Message> list = messages.get(id);
          long t = u.update().target();
          if (c == null || t < 1 || t > list.size()) {
            throw MessengerException.notFound("no such message");
          }
          Message target = list.get((int) t - 1);
          TreeSet<Long> p = pins.computeIfAbsent(id, k -> new TreeSet<>());
          Update.Action a = u.update().action();
          boolean reacting = a == Update.Action.REACTED || a == Update.Action.UNREACTED;
          boolean pinning = a == Update.Action.PINNED || a == Update.Action.UNPINNED;
          TargetState state =
              new TargetState(
                  target,
                  reacting ? target.details().reactions() : List.of(),
                  pinning && p.contains(t),
                  pinning ? p.size() : 0);
          if (!rule.changes(state)) {
            return new UpdateResult(null, target);
          }
          Message entry = u.at(nextSeq(id, c.lastActivity()));
          store(entry);
          Message after = Updates.apply(target, entry);
          list.set((int) t - 1, after);
          if (a == Update.Action.PINNED) {
            p.add(t);
          } else if (a == Update.Action.UNPINNED) {
            p.remove(t);
          }
          return new UpdateResult(entry, after);
        });
  }

  @Override
  public CompletableFuture<Member> changeSettings(
      String conversationId, String userId, UnaryOperator<MemberSettings> change) {
    return write(
        () -> {
          Member m = member(conversationId, userId).filter(Member::active).orElse(null);
          if (m == null) {
            throw MessengerException.notFound("no such conversation");
          }
          Member after =
              new Member(
                  m.conversationId(),
                  m.userId(),
                  m.role(),
                  m.joinedSeq(),
                  m.deliveredSeq(),
                  m.readSeq(),
                  m.leftSeq(),
                  change.apply(m.settings()));
          members.get(conversationId).put(userId, after);
          return after;
        });
  }

  // ---------------------------------------------------------------- reads

  @Override
  public synchronized Optional<Message> message(String conversationId, long seq) {
    List<Message> list = messages.get(conversationId);
    return list == null || seq < 1 || seq > list.size()
        ? Optional.empty()
        : Optional.of(list.get((int) seq - 1));
  }

  @Override
  public synchronized List<Long> pinned(String conversationId) {
    return List.copyOf(pins.getOrDefault(conversationId, new TreeSet<>()));
  }

  @Override
  public synchronized Map<String, List<Long>> pinnedOf(String userId) {
    Map<String, List<Long>> out = new HashMap<>();
    for (Conversation c : conversationsOf(userId)) {
      List<Long> p = pinned(c.id());
      if (!p.isEmpty()) {
        out.put(c.id(), p);
      }
    }
    return out;
  }

  @Override
  public synchronized long unreadCount(Member m) {
    long floor = Math.max(m.readSeq(), m.settings().clearedSeq());
    return messages.getOrDefault(m.conversationId(), List.of()).stream()
        .filter(x -> x.seq() > floor && x.seq() >= m.joinedSeq())
        .filter(x -> x.liveText() && !x.senderId().equals(m.userId()))
        .count();
  }

  @Override
  public synchronized Map<String, Long> unreadCounts(String userId) {
    Map<String, Long> out = new HashMap<>();
    for (Conversation c : conversationsOf(userId)) {
      out.put(c.id(), unreadCount(members.get(c.id()).get(userId)));
    }
    return out;
  }

  @Override
  public synchronized Optional<Conversation> conversation(String conversationId) {
    return Optional.ofNullable(conversations.get(conversationId));
  }

  @Override
  public synchronized Optional<Conversation> findDirect(String userA, String userB) {
    return Optional.ofNullable(directByKey.get(directKey(userA, userB))).map(conversations::get);
  }

  @Override
  public synchronized Optional<Member> member(String conversationId, String userId) {
    Map<String, Member> ms = members.get(conversationId);
    return ms == null ? Optional.empty() : Optional.ofNullable(ms.get(userId));
  }

  @Override
  public synchronized List<Member> activeMembers(String conversationId) {
    Map<String, Member> ms = members.get(conversationId);
    if (ms == null) {
      return List.of();
    }
    return ms.values().stream().filter(Member::active).sorted(Membership.SENIORITY).toList();
  }

  @Override
  public synchronized List<Conversation> conversationsOf(String userId) {
    return members.entrySet().stream()
        .filter(e -> e.getValue().containsKey(userId) && e.getValue().get(userId).active())
        .map(e -> conversations.get(e.getKey()))
        .sorted(
            Comparator.comparingLong(Conversation::lastActivity)
                .reversed()
                .thenComparing(Conversation::id))
        .toList();
  }

  @Override
  public synchronized List<Message> messages(
      String conversationId, long minSeq, Long before, Long after, int limit) {
    List<Message> all = messages.getOrDefault(conversationId, List.of());
    List<Message> visible =
        all.stream()
            .filter(m -> m.seq() >= minSeq)
            .filter(m -> before == null || m.seq() < before)
            .filter(m -> after == null || m.seq() > after)
            .toList();
    if (after != null) {
      return List.copyOf(visible.subList(0, Math.min(limit, visible.size())));
    }
    return List.copyOf(visible.subList(Math.max(0, visible.size() - limit), visible.size()));
  }

  @Override
  public synchronized boolean shareConversation(String userA, String userB) {
    for (Map<String, Member> ms : members.values()) {
      Member a = ms.get(userA);
      Member b = ms.get(userB);
      if (a != null && b != null && a.active() && b.active()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs {@code op} under the lock. Every op checks everything that can fail before it changes
   * anything, so a failed write leaves nothing behind, as a rolled-back transaction.
   */
  private <T> CompletableFuture<T> write(Supplier<T> op) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Runnable apply =
        () -> {
          T result;
          try {
            synchronized (this) {
              result = op.get();
            }
          } catch (MessengerException e) {
            f.completeExceptionally(e);
            return;
          }
          f.complete(result);
        };
    synchronized (this) {
      writes++;
      if (writeFailure != null) {
        f.completeExceptionally(writeFailure);
        return f;
      }
      if (paused) {
        held.add(apply);
        return f;
      }
    }
    apply.run();
    return f;
  }

  private long nextSeq(String conversationId, long ts) {
    Conversation c = conversations.get(conversationId);
    if (c == null) {
      throw MessengerException.notFound("no such conversation");
    }
    long seq = c.lastSeq() + 1;
    conversations.put(
        conversationId, new Conversation(c.id(), c.kind(), c.name(), seq, ts, c.createdAt()));
    return seq;
  }

  private void store(Message m) {
    List<Message> list = messages.get(m.conversationId());
    if (list.size() + 1 != m.seq()) {
      throw new IllegalStateException("seq " + m.seq() + " after " + list.size() + " messages");
    }
    list.add(m);
    if (m.clientId() != null) {
      byClientId.put(clientKey(m.senderId(), m.clientId()), m);
    }
  }

  private void requireNew(String conversationId) {
    if (conversations.containsKey(conversationId)) {
      throw new MessengerException(ErrorCode.UNAVAILABLE, "duplicate conversation id");
    }
  }

  private static String directKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private static String clientKey(String senderId, String clientId) {
    return senderId + "|" + clientId;
  }
}
