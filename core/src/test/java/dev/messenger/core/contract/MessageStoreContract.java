package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.CursorMove;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.SystemEvent.Action;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link MessageStore} must do, per its Javadoc. An adapter's test extends this class
 * and supplies a fresh, empty store per test, plus an {@link AccountStore} on the same database so
 * that the users the store refers to exist (PostgreSQL enforces the foreign keys).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class MessageStoreContract extends StoreContractBase {
  // ------------------------------------------------------------------ append

  @Test
  void append_assignsSeqOneTwoThree() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);

    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seqs.add(send(c, i % 2 == 0 ? a : b, "hello " + i).message().seq());
    }

    assertThat(seqs).containsExactly(1L, 2L, 3L);
    assertThat(store.conversation(c).orElseThrow().lastSeq()).isEqualTo(3);
  }

  @Test
  void append_returnsStoredMessage_asReadBack() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    long ts = tick();

    Attachment png = new Attachment("m_1", "image/png", 3, "a".repeat(64));
    Attachment pdf = new Attachment("m_2", "application/pdf", 1 << 20, "b".repeat(64));
    AppendResult r =
        await(
            store.append(new NewMessage(c, a, "d_phone", "cid-1", ts, "hi 👋", List.of(png, pdf))));

    Message m = r.message();
    assertThat(r.duplicate()).isFalse();
    assertThat(m.conversationId()).isEqualTo(c);
    assertThat(m.seq()).isEqualTo(1);
    assertThat(m.senderId()).isEqualTo(a);
    assertThat(m.senderDeviceId()).isEqualTo("d_phone");
    assertThat(m.clientId()).isEqualTo("cid-1");
    assertThat(m.ts()).isEqualTo(ts);
    assertThat(m.kind()).isEqualTo(Message.Kind.TEXT);
    assertThat(m.body()).isEqualTo("hi 👋");
    assertThat(m.attachments()).containsExactly(png, pdf);
    assertThat(m.event()).isNull();
    assertThat(store.messages(c, 1, null, null, 10)).containsExactly(m);
  }

  @Test
  void append_withoutDevice_readsBackNullDevice() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);

    Message m =
        await(store.append(new NewMessage(c, a, null, "http-1", tick(), "x", null))).message();

    assertThat(m.senderDeviceId()).isNull();
    assertThat(store.messages(c, 1, null, null, 10)).containsExactly(m);
  }

  @Test
  void append_duplicateFromOtherDevice_keepsOriginalDevice() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    await(store.append(new NewMessage(c, a, "d_phone", "same", tick(), "one", null)));

    AppendResult again =
        await(store.append(new NewMessage(c, a, "d_laptop", "same", tick(), "one", null)));

    assertThat(again.duplicate()).isTrue();
    assertThat(again.message().senderDeviceId()).isEqualTo("d_phone");
  }

  @Test
  void append_updatesLastActivity() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    long ts = tick() + 1000;

    await(store.append(new NewMessage(c, a, null, clientId(), ts, "x", List.of())));

    assertThat(store.conversation(c).orElseThrow().lastActivity()).isEqualTo(ts);
  }

  @Test
  void append_sameClientId_returnsOriginalSeq() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    AppendResult first =
        await(store.append(new NewMessage(c, a, null, "same", tick(), "one", null)));
    send(c, b, "between");
    long activity = store.conversation(c).orElseThrow().lastActivity();

    AppendResult again =
        await(store.append(new NewMessage(c, a, null, "same", tick(), "changed body", null)));

    assertThat(again.duplicate()).isTrue();
    assertThat(again.message()).isEqualTo(first.message());
    assertThat(store.conversation(c).orElseThrow().lastSeq()).isEqualTo(2);
    assertThat(store.conversation(c).orElseThrow().lastActivity())
        .as("a repeat leaves the conversation's activity as it was")
        .isEqualTo(activity);
    assertThat(send(c, b, "after").message().seq()).isEqualTo(3);
    assertThat(store.messages(c, 1, null, null, 10))
        .extracting(Message::body)
        .containsExactly("one", "between", "after");
  }

  @Test
  void append_sameClientIdOtherSender_storesBoth() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);

    AppendResult fromA = await(store.append(new NewMessage(c, a, null, "same", tick(), "a", null)));
    AppendResult fromB = await(store.append(new NewMessage(c, b, null, "same", tick(), "b", null)));

    assertThat(fromB.duplicate()).isFalse();
    assertThat(List.of(fromA.message().seq(), fromB.message().seq())).containsExactly(1L, 2L);
  }

  @Test
  void append_unknownConversation_failsNotFound() {
    String a = user("alice");

    assertFailsWith(
        ErrorCode.NOT_FOUND,
        () -> store.append(new NewMessage("c_missing", a, null, clientId(), tick(), "x", null)));
    assertThat(store.conversation("c_missing")).isEmpty();
  }

  @Test
  void append_seqIsPerConversation() {
    String a = user("alice");
    String b = user("bob");
    String d = user("dave");
    String ab = direct(a, b);
    String ad = direct(a, d);

    send(ab, a, "1");
    send(ab, a, "2");
    long first = send(ad, a, "1").message().seq();

    assertThat(first).isEqualTo(1);
  }

  @Test
  void append_afterCreateGroup_continuesAtSeqTwo() {
    String a = user("alice");
    String g = group(a, "g");

    assertThat(send(g, a, "first text").message().seq()).isEqualTo(2);
  }

  @Test
  void append_concurrentFromManyThreads_uniqueGapFreeSeqs() throws Exception {
    int threads = 8;
    int perThread = 200;
    List<String> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      senders.add(user("sender" + t));
    }
    String g = group(senders.get(0), "busy", senders.subList(1, threads));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<CompletableFuture<AppendResult>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String sender = senders.get(t);
        submitted.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    fs.add(
                        store.append(new NewMessage(g, sender, null, "c" + i, 1L, "m" + i, null)));
                  }
                  return fs;
                }));
      }
      Set<Long> seqs = new HashSet<>();
      for (var f : submitted) {
        for (CompletableFuture<AppendResult> r : f.get(30, TimeUnit.SECONDS)) {
          AppendResult result = await(r);
          assertThat(result.duplicate()).isFalse();
          assertThat(seqs.add(result.message().seq())).as("seq unique").isTrue();
        }
      }
      int total = threads * perThread;
      // seq 1 is the group's "created" message.
      assertThat(seqs)
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(2, total + 1).boxed().toList());
      assertThat(store.conversation(g).orElseThrow().lastSeq()).isEqualTo(total + 1);
      assertThat(store.messages(g, 1, null, null, total + 10))
          .extracting(Message::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, total + 1).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_futuresCompleteInSeqOrder() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    List<Long> completionOrder = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> futures = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      futures.add(
          store
              .append(new NewMessage(c, a, null, clientId(), tick(), "m" + i, null))
              .thenAccept(r -> completionOrder.add(r.message().seq())));
    }
    futures.forEach(f -> await(f));

    assertThat(completionOrder)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
  }

  @Test
  void append_sameClientIdConcurrently_storesOnce() throws Exception {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CompletableFuture<AppendResult>>> submitted = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        submitted.add(
            pool.submit(
                () -> store.append(new NewMessage(c, a, null, "retry", tick(), "try " + n, null))));
      }
      List<AppendResult> results = new ArrayList<>();
      for (var f : submitted) {
        results.add(await(f.get(10, TimeUnit.SECONDS)));
      }

      assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
      assertThat(results).extracting(r -> r.message().seq()).containsOnly(1L);
      assertThat(store.messages(c, 1, null, null, 10)).hasSize(1);
      assertThat(store.conversation(c).orElseThrow().lastSeq()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ direct

  @Test
  void openDirect_eitherOrder_sameConversation() {
    String a = user("alice");
    String b = user("bob");
    long ts = tick();

    Conversation ab = await(store.openDirect(a, b, Ids.newId("c"), ts));
    Conversation ba = await(store.openDirect(b, a, Ids.newId("c"), tick()));

    assertThat(ba.id()).isEqualTo(ab.id());
    assertThat(ab.kind()).isEqualTo(Conversation.Kind.DIRECT);
    assertThat(ab.name()).isNull();
    assertThat(ab.lastSeq()).isZero();
    assertThat(ab.createdAt()).isEqualTo(ts);
    assertThat(store.conversation(ab.id())).contains(ab);
  }

  @Test
  void openDirect_createsBothMembersJoinedAtSeqOne() {
    String a = user("alice");
    String b = user("bob");

    String c = direct(a, b);

    List<Member> members = store.activeMembers(c);
    assertThat(members).extracting(Member::userId).containsExactlyInAnyOrder(a, b);
    assertThat(members)
        .allSatisfy(
            m -> {
              assertThat(m.joinedSeq()).isEqualTo(1);
              assertThat(m.role()).isEqualTo(Member.Role.MEMBER);
              assertThat(m.deliveredSeq()).isZero();
              assertThat(m.readSeq()).isZero();
              assertThat(m.active()).isTrue();
            });
  }

  @Test
  void openDirect_concurrently_onePerPair() throws Exception {
    String a = user("alice");
    String b = user("bob");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CompletableFuture<Conversation>>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        boolean flip = i % 2 == 0;
        fs.add(
            pool.submit(
                () -> store.openDirect(flip ? a : b, flip ? b : a, Ids.newId("c"), tick())));
      }
      Set<String> ids = new HashSet<>();
      for (var f : fs) {
        ids.add(await(f.get(10, TimeUnit.SECONDS)).id());
      }
      assertThat(ids).hasSize(1);
      assertThat(store.conversationsOf(a)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void findDirect_eitherOrder_findsIt_otherPairEmpty() {
    String a = user("alice");
    String b = user("bob");
    String d = user("dave");
    String c = direct(a, b);

    assertThat(store.findDirect(a, b)).map(Conversation::id).contains(c);
    assertThat(store.findDirect(b, a)).map(Conversation::id).contains(c);
    assertThat(store.findDirect(a, d)).isEmpty();
  }

  @Test
  void findDirect_ignoresGroups() {
    String a = user("alice");
    String b = user("bob");
    group(a, "pair group", List.of(b));

    assertThat(store.findDirect(a, b)).isEmpty();
  }

  // ------------------------------------------------------------------ groups

  @Test
  void createGroup_writesCreatedMessageAtSeqOne_creatorAdmin() {
    String a = user("alice");
    String b = user("bob");
    String d = user("dave");
    String id = Ids.newId("c");
    long ts = tick();

    Message created = await(store.createGroup(id, "Friends", a, List.of(b, d), ts));

    assertThat(created.conversationId()).isEqualTo(id);
    assertThat(created.seq()).isEqualTo(1);
    assertThat(created.kind()).isEqualTo(Message.Kind.SYSTEM);
    assertThat(created.senderId()).isEqualTo(a);
    assertThat(created.clientId()).isNull();
    assertThat(created.senderDeviceId()).isNull();
    assertThat(created.ts()).isEqualTo(ts);
    assertThat(created.event().action()).isEqualTo(Action.CREATED);
    assertThat(created.event().by()).isEqualTo(a);
    assertThat(store.messages(id, 1, null, null, 10)).containsExactly(created);

    Conversation c = store.conversation(id).orElseThrow();
    assertThat(c.kind()).isEqualTo(Conversation.Kind.GROUP);
    assertThat(c.name()).isEqualTo("Friends");
    assertThat(c.lastSeq()).isEqualTo(1);
    assertThat(c.createdAt()).isEqualTo(ts);

    assertThat(store.member(id, a).orElseThrow().role()).isEqualTo(Member.Role.ADMIN);
    assertThat(store.activeMembers(id))
        .extracting(Member::userId, Member::joinedSeq)
        .containsExactlyInAnyOrder(tuple(a, 1L), tuple(b, 1L), tuple(d, 1L));
    assertThat(store.member(id, b).orElseThrow().role()).isEqualTo(Member.Role.MEMBER);
  }

  @Test
  void applyEvent_memberAdded_joinsAtNewSeq() {
    String a = user("alice");
    String b = user("bob");
    String g = group(a, "g");
    send(g, a, "before b");
    long ts = tick();

    Message m = await(store.applyEvent(g, new SystemEvent(Action.MEMBER_ADDED, b, a, null), ts));

    assertThat(m.seq()).isEqualTo(3);
    assertThat(m.kind()).isEqualTo(Message.Kind.SYSTEM);
    assertThat(m.senderId()).isEqualTo(a);
    assertThat(m.senderDeviceId()).isNull();
    assertThat(m.clientId()).isNull();
    assertThat(m.ts()).isEqualTo(ts);
    assertThat(m.event()).isEqualTo(new SystemEvent(Action.MEMBER_ADDED, b, a, null));
    assertThat(store.messages(g, 1, null, null, 10)).last().isEqualTo(m);
    Member added = store.member(g, b).orElseThrow();
    assertThat(added.joinedSeq()).isEqualTo(3);
    // Nothing before the join is visible, so nothing before it is unread.
    assertThat(added.deliveredSeq()).isEqualTo(2);
    assertThat(added.readSeq()).isEqualTo(2);
    assertThat(added.role()).isEqualTo(Member.Role.MEMBER);
    assertThat(added.active()).isTrue();
    assertThat(store.activeMembers(g)).extracting(Member::userId).containsExactly(a, b);
    assertThat(store.conversationsOf(b)).extracting(Conversation::id).containsExactly(g);
    assertThat(store.conversation(g).orElseThrow().lastSeq()).isEqualTo(3);
  }

  @Test
  void applyEvent_memberRemoved_endsMembership() {
    String a = user("alice");
    String b = user("bob");
    String g = group(a, "g", List.of(b));

    Message m =
        await(store.applyEvent(g, new SystemEvent(Action.MEMBER_REMOVED, b, a, null), tick()));

    Member removed = store.member(g, b).orElseThrow();
    assertThat(removed.leftSeq()).isEqualTo(m.seq()).isEqualTo(2);
    assertThat(removed.active()).isFalse();
    assertThat(store.activeMembers(g)).extracting(Member::userId).containsExactly(a);
    assertThat(store.conversationsOf(b)).isEmpty();
    assertThat(store.shareConversation(a, b)).isFalse();
  }

  @Test
  void applyEvent_memberLeft_endsMembership() {
    String a = user("alice");
    String b = user("bob");
    String g = group(a, "g", List.of(b));

    Message m = await(store.applyEvent(g, new SystemEvent(Action.MEMBER_LEFT, b, b, null), tick()));

    assertThat(m.event().action()).isEqualTo(Action.MEMBER_LEFT);
    assertThat(m.senderId()).isEqualTo(b);
    assertThat(store.member(g, b).orElseThrow().leftSeq()).isEqualTo(2);
    assertThat(store.activeMembers(g)).extracting(Member::userId).containsExactly(a);
    assertThat(store.conversationsOf(b)).isEmpty();
  }

  @Test
  void applyEvent_reAdd_reactivatesAtNewSeq() {
    String a = user("alice");
    String b = user("bob");
    String g = group(a, "g", List.of(b));
    await(store.applyEvent(g, new SystemEvent(Action.MEMBER_LEFT, b, b, null), tick()));
    send(g, a, "while b is away");

    Message added =
        await(store.applyEvent(g, new SystemEvent(Action.MEMBER_ADDED, b, a, null), tick()));

    Member back = store.member(g, b).orElseThrow();
    assertThat(added.seq()).isEqualTo(4);
    assertThat(back.active()).isTrue();
    assertThat(back.leftSeq()).isZero();
    assertThat(back.joinedSeq()).isEqualTo(4);
    assertThat(store.activeMembers(g)).extracting(Member::userId).containsExactly(a, b);
    assertThat(store.conversationsOf(b)).extracting(Conversation::id).containsExactly(g);
  }

  @Test
  void applyEvent_renamed_changesName() {
    String a = user("alice");
    String g = group(a, "old");

    Message m =
        await(store.applyEvent(g, new SystemEvent(Action.RENAMED, null, a, "new name"), tick()));

    assertThat(store.conversation(g).orElseThrow().name()).isEqualTo("new name");
    assertThat(m.seq()).isEqualTo(2);
    assertThat(m.event().name()).isEqualTo("new name");
    assertThat(store.messages(g, 1, null, null, 10)).last().isEqualTo(m);
  }

  @Test
  void applyEvent_lastAdminLeaves_longestStandingMemberBecomesAdmin() {
    // Not on MessageStore's Javadoc, but the JDBC store does it and Conversations relies on it.
    String a = user("alice");
    String older = user("zed");
    String younger = user("amy");
    String g = group(a, "g");
    await(store.applyEvent(g, new SystemEvent(Action.MEMBER_ADDED, older, a, null), tick()));
    await(store.applyEvent(g, new SystemEvent(Action.MEMBER_ADDED, younger, a, null), tick()));

    await(store.applyEvent(g, new SystemEvent(Action.MEMBER_LEFT, a, a, null), tick()));

    assertThat(store.member(g, older).orElseThrow().role()).isEqualTo(Member.Role.ADMIN);
    assertThat(store.member(g, younger).orElseThrow().role()).isEqualTo(Member.Role.MEMBER);
  }

  @Test
  void applyEvent_created_failsBadRequest_storesNothing() {
    String a = user("alice");
    String g = group(a, "g");

    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> store.applyEvent(g, new SystemEvent(Action.CREATED, null, a, "again"), tick()));

    assertThat(store.conversation(g).orElseThrow().lastSeq()).isEqualTo(1);
    assertThat(store.messages(g, 1, null, null, 10)).hasSize(1);
  }

  // ------------------------------------------------------------------ cursors

  @Test
  void advanceCursor_delivered_movesDeliveredOnly() {
    Fixture f = directWithMessages(3);

    CursorMove move = await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.DELIVERED, 2));

    assertThat(move.deliveredMoved()).isTrue();
    assertThat(move.readMoved()).isFalse();
    assertThat(move.member().deliveredSeq()).isEqualTo(2);
    assertThat(move.member().readSeq()).isZero();
    assertThat(store.member(f.c(), f.b()).orElseThrow().deliveredSeq()).isEqualTo(2);
  }

  @Test
  void advanceCursor_lowerSeq_neverMovesBack() {
    Fixture f = directWithMessages(3);
    await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.READ, 3));

    CursorMove delivered = await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.DELIVERED, 1));
    CursorMove read = await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.READ, 2));

    for (CursorMove move : List.of(delivered, read)) {
      assertThat(move.deliveredMoved()).isFalse();
      assertThat(move.readMoved()).isFalse();
      assertThat(move.member().deliveredSeq()).isEqualTo(3);
      assertThat(move.member().readSeq()).isEqualTo(3);
    }
    Member m = store.member(f.c(), f.b()).orElseThrow();
    assertThat(m.deliveredSeq()).isEqualTo(3);
    assertThat(m.readSeq()).isEqualTo(3);
  }

  @Test
  void advanceCursor_read_impliesDelivered() {
    Fixture f = directWithMessages(3);

    CursorMove move = await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.READ, 3));

    assertThat(move.deliveredMoved()).isTrue();
    assertThat(move.readMoved()).isTrue();
    Member m = store.member(f.c(), f.b()).orElseThrow();
    assertThat(m.deliveredSeq()).isEqualTo(3);
    assertThat(m.readSeq()).isEqualTo(3);
  }

  @Test
  void advanceCursor_readBelowDelivered_movesReadOnly() {
    Fixture f = directWithMessages(3);
    await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.DELIVERED, 3));

    CursorMove move = await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.READ, 2));

    assertThat(move.deliveredMoved()).isFalse();
    assertThat(move.readMoved()).isTrue();
    assertThat(move.member().deliveredSeq()).isEqualTo(3);
    assertThat(move.member().readSeq()).isEqualTo(2);
  }

  @Test
  void advanceCursor_isPerMember() {
    Fixture f = directWithMessages(3);

    await(store.advanceCursor(f.c(), f.b(), ReceiptStatus.READ, 3));

    Member other = store.member(f.c(), f.a()).orElseThrow();
    assertThat(other.deliveredSeq()).isZero();
    assertThat(other.readSeq()).isZero();
  }

  @Test
  void advanceCursor_aboveLastSeq_failsBadRequest() {
    Fixture f = directWithMessages(3);

    assertFailsWith(
        ErrorCode.BAD_REQUEST, () -> store.advanceCursor(f.c(), f.b(), ReceiptStatus.DELIVERED, 4));

    assertThat(store.member(f.c(), f.b()).orElseThrow().deliveredSeq()).isZero();
  }

  @Test
  void advanceCursor_nonMember_failsNotFound() {
    Fixture f = directWithMessages(3);
    String stranger = user("stranger");

    assertFailsWith(
        ErrorCode.NOT_FOUND, () -> store.advanceCursor(f.c(), stranger, ReceiptStatus.READ, 1));
  }

  @Test
  void advanceCursor_formerMember_failsNotFound() {
    String a = user("alice");
    String b = user("bob");
    String g = group(a, "g", List.of(b));
    await(store.applyEvent(g, new SystemEvent(Action.MEMBER_LEFT, b, b, null), tick()));

    assertFailsWith(ErrorCode.NOT_FOUND, () -> store.advanceCursor(g, b, ReceiptStatus.READ, 2));
  }

  // ------------------------------------------------------------------ reads

  @Test
  void messages_neither_newestLimitAscending() {
    Fixture f = directWithMessages(10);

    assertThat(seqs(store.messages(f.c(), 1, null, null, 3))).containsExactly(8L, 9L, 10L);
    assertThat(seqs(store.messages(f.c(), 1, null, null, 50))).hasSize(10).startsWith(1L);
  }

  @Test
  void messages_after_firstLimitAbove() {
    Fixture f = directWithMessages(10);

    assertThat(seqs(store.messages(f.c(), 1, null, 2L, 3))).containsExactly(3L, 4L, 5L);
    assertThat(seqs(store.messages(f.c(), 1, null, 0L, 2))).containsExactly(1L, 2L);
    assertThat(store.messages(f.c(), 1, null, 10L, 3)).isEmpty();
  }

  @Test
  void messages_before_lastLimitBelow() {
    Fixture f = directWithMessages(10);

    assertThat(seqs(store.messages(f.c(), 1, 5L, null, 3))).containsExactly(2L, 3L, 4L);
    assertThat(seqs(store.messages(f.c(), 1, 3L, null, 10))).containsExactly(1L, 2L);
    assertThat(store.messages(f.c(), 1, 1L, null, 10)).isEmpty();
  }

  @Test
  void messages_both_firstLimitStrictlyBetween() {
    Fixture f = directWithMessages(10);

    assertThat(seqs(store.messages(f.c(), 1, 9L, 2L, 3))).containsExactly(3L, 4L, 5L);
    assertThat(seqs(store.messages(f.c(), 1, 6L, 2L, 10))).containsExactly(3L, 4L, 5L);
    assertThat(store.messages(f.c(), 1, 4L, 3L, 10)).isEmpty();
  }

  @Test
  void messages_minSeq_hidesOlder() {
    Fixture f = directWithMessages(10);

    assertThat(seqs(store.messages(f.c(), 4, null, null, 100)))
        .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(seqs(store.messages(f.c(), 4, 6L, null, 10))).containsExactly(4L, 5L);
    assertThat(seqs(store.messages(f.c(), 4, null, 1L, 2))).containsExactly(4L, 5L);
    assertThat(seqs(store.messages(f.c(), 4, 8L, 1L, 10))).containsExactly(4L, 5L, 6L, 7L);
  }

  @Test
  void messages_everyRange_readsBackTheSendingDevice() {
    Fixture f = directWithMessages(4);

    List<List<Message>> ranges =
        List.of(
            store.messages(f.c(), 1, null, null, 10),
            store.messages(f.c(), 1, null, 0L, 10),
            store.messages(f.c(), 1, 5L, null, 10),
            store.messages(f.c(), 1, 5L, 0L, 10));

    for (List<Message> range : ranges) {
      assertThat(range)
          .extracting(Message::senderDeviceId)
          .containsExactly(device(f.a()), device(f.b()), device(f.a()), device(f.b()));
    }
  }

  @Test
  void messages_unknownConversation_empty() {
    assertThat(store.messages("c_missing", 1, null, null, 10)).isEmpty();
  }

  @Test
  void conversationsOf_mostRecentlyActiveFirst() {
    String a = user("alice");
    String b = user("bob");
    String d = user("dave");
    String e = user("erin");
    String ab = direct(a, b);
    String ad = direct(a, d);
    String g = group(a, "g", List.of(e));

    assertThat(ids(store.conversationsOf(a))).containsExactly(g, ad, ab);

    send(ab, b, "wake up");
    assertThat(ids(store.conversationsOf(a))).containsExactly(ab, g, ad);
    assertThat(ids(store.conversationsOf(b))).containsExactly(ab);
    assertThat(store.conversationsOf(user("nobody"))).isEmpty();
  }

  @Test
  void conversationsOf_reflectsLastSeq() {
    Fixture f = directWithMessages(2);

    assertThat(store.conversationsOf(f.a()))
        .singleElement()
        .extracting(Conversation::lastSeq)
        .isEqualTo(2L);
  }

  @Test
  void shareConversation_membersOnly() {
    String a = user("alice");
    String b = user("bob");
    String d = user("dave");
    String stranger = user("stranger");
    direct(a, b);
    group(b, "g", List.of(d));

    assertThat(store.shareConversation(a, b)).isTrue();
    assertThat(store.shareConversation(b, a)).isTrue();
    assertThat(store.shareConversation(b, d)).isTrue();
    assertThat(store.shareConversation(a, d)).isFalse();
    assertThat(store.shareConversation(a, stranger)).isFalse();
  }

  @Test
  void member_andConversation_unknownAreEmpty() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);

    assertThat(store.conversation("c_missing")).isEmpty();
    assertThat(store.member(c, user("stranger"))).isEmpty();
    assertThat(store.member("c_missing", a)).isEmpty();
    assertThat(store.activeMembers("c_missing")).isEmpty();
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  private static List<String> ids(List<Conversation> conversations) {
    return conversations.stream().map(Conversation::id).toList();
  }
}
