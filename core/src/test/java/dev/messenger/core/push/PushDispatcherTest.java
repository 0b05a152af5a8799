package dev.messenger.core.push;

import static dev.messenger.core.testing.Eventually.waitUntil;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.Update;
import dev.messenger.core.presence.LocalPresenceRegistry;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.testing.FakeClock;
import dev.messenger.core.testing.FakeTimers;
import dev.messenger.core.testing.InMemoryAccountStore;
import dev.messenger.core.testing.RecordingPushSender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whom {@link PushDispatcher} pushes, coalescing, retries and expiry, on fakes. */
class PushDispatcherTest {
  private final FakeClock clock = new FakeClock();
  private final FakeTimers timers = new FakeTimers(clock);
  private final InMemoryAccountStore accounts = new InMemoryAccountStore();
  private final LocalPresenceRegistry presence = new LocalPresenceRegistry();
  private final RecordingPushSender sender = new RecordingPushSender();
  private final PushStats stats = new PushStats();
  private final java.util.Map<String, Long> unread = new java.util.concurrent.ConcurrentHashMap<>();
  private final PushDirectory directory =
      new PushDirectory() {
        @Override
        public String displayName(String userId) {
          return "Name of " + userId;
        }

        @Override
        public long unreadTotal(String userId) {
          return unread.getOrDefault(userId, 0L);
        }
      };
  private PushDispatcher dispatcher = dispatcher(PushPreview.NONE);

  private PushDispatcher dispatcher(PushPreview preview) {
    return new PushDispatcher(
        accounts,
        presence,
        sender,
        accounts,
        directory,
        clock,
        timers,
        stats,
        new PushDispatcher.Config(100, Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 4)
            .withPreview(preview),
        Thread::new);
  }

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private Device device(String id, String userId, String endpoint) {
    return device(
        id,
        userId,
        endpoint == null ? null : new Device.PushSubscription(endpoint, "p256dh", "auth"));
  }

  private Device device(String id, String userId, Device.PushSubscription push) {
    Device d = new Device(id, userId, "test", clock.millis(), 0, null);
    await(accounts.createDevice(d, "hash-" + id));
    if (push != null) {
      await(accounts.setPush(id, push));
    }
    return d;
  }

  private static Member member(String userId) {
    return new Member("c1", userId, Member.Role.MEMBER, 1, 0, 0, 0);
  }

  private void stored(String conversationId, long seq, String from, String... to) {
    storedWithBody(conversationId, seq, "hi", from, to);
  }

  private void storedWithBody(
      String conversationId, long seq, String body, String from, String... to) {
    Message m =
        new Message(
            conversationId, seq, from, null, "k" + seq, 0, Message.Kind.TEXT, body, null, null);
    List<Member> members =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(from), List.of(to).stream())
            .map(PushDispatcherTest::member)
            .toList();
    dispatcher.stored(m, members);
  }

  @Test
  void offlineMember_everySubscribedDevice_getsOnePush_withThePayload() {
    device("d1", "bob", "https://push/1");
    device("d2", "bob", "https://push/2");
    device("d3", "bob", (String) null);

    stored("c1", 7, "alice", "bob");

    waitUntil("two pushes", () -> stats.sent() == 2);
    assertThat(sender.sent())
        .extracting(RecordingPushSender.Sent::endpoint)
        .containsExactlyInAnyOrder("https://push/1", "https://push/2");
    assertThat(sender.sent().get(0).payload())
        .isEqualTo("{\"conversationId\":\"c1\",\"seq\":7,\"senderId\":\"alice\"}");
    assertThat(sender.sent().get(0).topic()).isEqualTo("c1");
  }

  @Test
  void onlineMember_andTheSender_getNoPush() {
    device("da", "alice", "https://push/a");
    device("db", "bob", "https://push/b");
    device("dc", "carol", "https://push/c");
    presence.connect("bob", "conn-1");

    stored("c1", 1, "alice", "bob", "carol");

    waitUntil("carol's push", () -> stats.sent() == 1);
    assertThat(sender.sent())
        .extracting(RecordingPushSender.Sent::endpoint)
        .containsExactly("https://push/c");
  }

  @Test
  void mutedMember_getsNoPush_unlessMentioned_andUpdateEntriesNeverPush() throws Exception {
    device("db", "bob", "https://push/b");
    device("dc", "carol", "https://push/c");
    MemberSettings muted = new MemberSettings(clock.millis() + 60_000, false, 0);
    Member bob = new Member("c1", "bob", Member.Role.MEMBER, 1, 0, 0, 0, muted);
    Member carol = new Member("c1", "carol", Member.Role.MEMBER, 1, 0, 0, 0, muted);
    List<Member> members = List.of(member("alice"), bob, carol);
    Message mentionsCarol =
        new Message(
            "c1",
            1,
            "alice",
            null,
            "k1",
            0,
            Message.Kind.TEXT,
            "hi @carol",
            null,
            null,
            new MessageDetails(null, List.of("carol"), false, null, false, List.of(), null, null));
    dispatcher.stored(
        new NewUpdate("c1", "alice", null, 0, new Update(Update.Action.EDITED, 1, "x", null)).at(2),
        List.of(member("alice"), member("bob"), member("carol")));
    dispatcher.stored(mentionsCarol, members);

    waitUntil("carol's push", () -> stats.sent() == 1);
    Thread.sleep(200);
    assertThat(sender.sent())
        .extracting(RecordingPushSender.Sent::endpoint)
        .containsExactly("https://push/c");
  }

  @Test
  void secondMessageInTheWindow_isCoalesced_theNextWindowPushesAgain() {
    device("d1", "bob", "https://push/1");

    stored("c1", 1, "alice", "bob");
    stored("c1", 2, "alice", "bob");
    stored("c2", 1, "alice", "bob");
    waitUntil("coalesced", () -> stats.coalesced() == 1 && stats.sent() == 2);

    clock.advance(Duration.ofSeconds(10));
    stored("c1", 3, "alice", "bob");
    waitUntil("next window", () -> stats.sent() == 3);
    assertThat(sender.sent())
        .extracting(RecordingPushSender.Sent::payload)
        .anyMatch(p -> p.contains("\"seq\":3"));
  }

  @Test
  void retryable_isSentAgainWithBackoff_thenGivenUp() {
    device("d1", "bob", "https://push/1");
    sender.answer(503, 429, 500);

    stored("c1", 1, "alice", "bob");
    waitUntil("first attempt", () -> sender.sent().size() == 1 && timers.pending() == 1);
    timers.advance(Duration.ofMillis(999));
    timers.runDue();
    assertThat(sender.sent()).hasSize(1);
    timers.advance(Duration.ofMillis(1));
    timers.runDue();
    waitUntil("second attempt", () -> sender.sent().size() == 2 && timers.pending() == 1);
    timers.advance(Duration.ofSeconds(2));
    timers.runDue();
    waitUntil("third attempt, given up", () -> stats.failed() == 1);
    assertThat(sender.sent()).hasSize(3);
    assertThat(stats.retried()).isEqualTo(2);
    assertThat(stats.sent()).isZero();
    waitUntil(
        "the error is on the device",
        () ->
            "HTTP 500 (still failing after 3 attempts)"
                .equals(accounts.device("d1").orElseThrow().pushLastError()));
    assertThat(stats.count(Kind.WEBPUSH, PushStats.Counted.FAILED)).isEqualTo(1);
  }

  @Test
  void success_isRecordedOnTheDevice_andCountedPerType() {
    device("d1", "bob", Device.PushSubscription.fcm("tok-1"));
    clock.advance(Duration.ofSeconds(5));

    stored("c1", 1, "alice", "bob");

    waitUntil(
        "recorded",
        () -> accounts.device("d1").orElseThrow().pushLastSuccessAt() == clock.millis());
    assertThat(stats.count(Kind.FCM, PushStats.Counted.SENT)).isEqualTo(1);
    assertThat(stats.count(Kind.WEBPUSH, PushStats.Counted.SENT)).isZero();
  }

  @Test
  void apnsDevice_getsTheRecipientsUnreadTotal_asBadge_othersNone() {
    device("d1", "bob", Device.PushSubscription.apns("ab".repeat(32), "sandbox"));
    device("d2", "bob", "https://push/2");
    unread.put("bob", 7L);

    stored("c1", 3, "alice", "bob");

    waitUntil("two pushes", () -> stats.sent() == 2);
    assertThat(sender.sent())
        .extracting(s -> s.endpoint() + "=" + s.message().badge())
        .containsExactlyInAnyOrder("ab".repeat(32) + "=7", "https://push/2=-1");
  }

  @Test
  void preview_none_sender_full_fillTheMessage() {
    device("d1", "bob", "https://push/1");
    String longBody = "é".repeat(99) + "😀😀";

    storedWithBody("c1", 1, longBody, "alice", "bob");
    waitUntil("none", () -> stats.sent() == 1);
    dispatcher.close();
    dispatcher = dispatcher(PushPreview.SENDER);
    storedWithBody("c2", 1, longBody, "alice", "bob");
    waitUntil("sender", () -> stats.sent() == 2);
    dispatcher.close();
    dispatcher = dispatcher(PushPreview.FULL);
    storedWithBody("c3", 1, longBody, "alice", "bob");
    waitUntil("full", () -> stats.sent() == 3);

    List<PushMessage> m = sender.sent().stream().map(RecordingPushSender.Sent::message).toList();
    assertThat(m.get(0).senderName()).isNull();
    assertThat(m.get(0).body()).isNull();
    assertThat(m.get(1).senderName()).isEqualTo("Name of alice");
    assertThat(m.get(1).body()).isNull();
    assertThat(m.get(2).senderName()).isEqualTo("Name of alice");
    assertThat(m.get(2).body()).isEqualTo("é".repeat(99) + "😀");
    assertThat(sender.sent().get(2).payload())
        .isEqualTo(
            "{\"conversationId\":\"c3\",\"seq\":1,\"senderId\":\"alice\","
                + "\"senderName\":\"Name of alice\",\"body\":\""
                + "é".repeat(99)
                + "😀\"}");
  }

  @Test
  void gone_deletesTheSubscription_unlessTheDeviceSubscribedAnew() {
    device("d1", "bob", "https://push/old");
    device("d2", "carol", "https://push/c-old");
    sender.answer(410);

    stored("c1", 1, "alice", "bob");
    waitUntil("expired", () -> accounts.device("d1").orElseThrow().push() == null);
    assertThat(stats.expired()).isEqualTo(1);
    assertThat(accounts.device("d1").orElseThrow().pushType()).isEqualTo("webpush");
    assertThat(accounts.device("d1").orElseThrow().pushLastError()).startsWith("HTTP 410");

    sender.holdNext();
    stored("c2", 1, "alice", "carol");
    waitUntil("carol's push is out", () -> sender.sent().size() == 2);
    // Carol subscribes anew while the push to the old endpoint is still unanswered.
    await(accounts.setPush("d2", new Device.PushSubscription("https://push/c-new", "k", "a")));
    assertThat(sender.release(404)).isTrue();
    waitUntil("expired again", () -> stats.expired() == 2);
    stored("c3", 1, "alice", "carol");
    waitUntil("pushed to the new endpoint", () -> stats.sent() == 1);
    assertThat(accounts.device("d2").orElseThrow().push().endpoint())
        .isEqualTo("https://push/c-new");
  }
}
