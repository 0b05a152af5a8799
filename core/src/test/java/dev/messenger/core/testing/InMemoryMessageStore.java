package dev.messenger.core.testing;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.conversations.Conversation;
import dev.messenger.core.conversations.Member;
import dev.messenger.core.messaging.AppendResult;
import dev.messenger.core.messaging.Message;
import dev.messenger.core.messaging.MessageStore;
import dev.messenger.core.messaging.NewMessage;
import dev.messenger.core.messaging.SystemEvent;
import dev.messenger.core.receipts.CursorMove;
import dev.messenger.core.receipts.ReceiptStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A {@link MessageStore} in memory, per the interface's Javadoc and the behaviour of the SQL store
 * (a group whose last admin leaves hands admin to the longest-standing member). Thread-safe: every
 * method holds this object's lock. Writes apply and complete at once, on the caller's thread (never
 * while holding the lock), unless the test {@linkplain #pauseWrites() paused} them, or made them
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
    long seq = nextSeq(m.conversationId(), m.ts());
    Message stored =
        new Message(
            m.conversationId(),
            seq,
            m.senderId(),
            m.senderDeviceId(),
            m.clientId(),
            m.ts(),
            Message.Kind.TEXT,
            m.body(),
            m.attachments(),
            null);
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
            ms.put(u, new Member(newId, u, Member.Role.MEMBER, 1, 0, 0, 0));
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
          ms.put(creatorId, new Member(id, creatorId, Member.Role.ADMIN, 1, 0, 0, 0));
          for (String u : memberIds) {
            if (ms.containsKey(u)) {
              throw new MessengerException(ErrorCode.UNAVAILABLE, "duplicate member " + u);
            }
            ms.put(u, new Member(id, u, Member.Role.MEMBER, 1, 0, 0, 0));
          }
          conversations.put(id, new Conversation(id, Conversation.Kind.GROUP, name, 1, ts, ts));
          members.put(id, ms);
          messages.put(id, new ArrayList<>());
          Message created =
              new Message(
                  id,
                  1,
                  creatorId,
                  null,
                  null,
                  ts,
                  Message.Kind.SYSTEM,
                  "",
                  List.of(),
                  new SystemEvent(SystemEvent.Action.CREATED, null, creatorId, name));
          store(created);
          return created;
        });
  }

  @Override
  public CompletableFuture<Message> applyEvent(String conversationId, SystemEvent event, long ts) {
    return write(
        () -> {
          if (event.action() == SystemEvent.Action.CREATED) {
            throw MessengerException.badRequest("a group is created only once");
          }
          long seq = nextSeq(conversationId, ts);
          Message m =
              new Message(
                  conversationId,
                  seq,
                  event.by(),
                  null,
                  null,
                  ts,
                  Message.Kind.SYSTEM,
                  "",
                  List.of(),
                  event);
          store(m);
          Map<String, Member> ms = members.get(conversationId);
          switch (event.action()) {
            case MEMBER_ADDED -> {
              Member old = ms.get(event.userId());
              ms.put(
                  event.userId(),
                  new Member(
                      conversationId,
                      event.userId(),
                      Member.Role.MEMBER,
                      seq,
                      Math.max(seq - 1, old == null ? 0 : old.deliveredSeq()),
                      Math.max(seq - 1, old == null ? 0 : old.readSeq()),
                      0));
            }
            case MEMBER_REMOVED, MEMBER_LEFT -> {
              Member old = ms.get(event.userId());
              if (old != null) {
                ms.put(event.userId(), withLeftSeq(old, seq));
              }
              ensureAdmin(conversationId);
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
          if (seq > c.lastSeq()) {
            throw MessengerException.badRequest(
                "seq " + seq + " is above the conversation's lastSeq " + c.lastSeq());
          }
          Member m = members.get(conversationId).get(userId);
          if (m == null || !m.active()) {
            throw MessengerException.notFound("no such conversation");
          }
          long read = status == ReceiptStatus.READ ? Math.max(m.readSeq(), seq) : m.readSeq();
          long delivered = Math.max(m.deliveredSeq(), Math.max(seq, read));
          boolean deliveredMoved = delivered != m.deliveredSeq();
          boolean readMoved = read != m.readSeq();
          Member after =
              new Member(
                  conversationId, userId, m.role(), m.joinedSeq(), delivered, read, m.leftSeq());
          members.get(conversationId).put(userId, after);
          return new CursorMove(after, deliveredMoved, readMoved);
        });
  }

  // ---------------------------------------------------------------- reads

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
    return ms.values().stream().filter(Member::active).sorted(JOIN_ORDER).toList();
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

  private static final Comparator<Member> JOIN_ORDER =
      Comparator.comparingLong(Member::joinedSeq).thenComparing(Member::userId);

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

  /** A group never stays without an admin: the longest-standing active member takes over. */
  private void ensureAdmin(String conversationId) {
    Map<String, Member> ms = members.get(conversationId);
    boolean hasAdmin =
        ms.values().stream().anyMatch(m -> m.active() && m.role() == Member.Role.ADMIN);
    if (hasAdmin) {
      return;
    }
    ms.values().stream()
        .filter(Member::active)
        .min(JOIN_ORDER)
        .ifPresent(
            heir ->
                ms.put(
                    heir.userId(),
                    new Member(
                        heir.conversationId(),
                        heir.userId(),
                        Member.Role.ADMIN,
                        heir.joinedSeq(),
                        heir.deliveredSeq(),
                        heir.readSeq(),
                        heir.leftSeq())));
  }

  private static Member withLeftSeq(Member m, long leftSeq) {
    return new Member(
        m.conversationId(),
        m.userId(),
        m.role(),
        m.joinedSeq(),
        m.deliveredSeq(),
        m.readSeq(),
        leftSeq);
  }

  private static String directKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private static String clientKey(String senderId, String clientId) {
    return senderId + "|" + clientId;
  }
}
