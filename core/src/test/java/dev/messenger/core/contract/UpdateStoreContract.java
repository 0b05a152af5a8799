package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.model.ReceiptStatus;
import dev.messenger.core.model.Update;
import dev.messenger.core.model.Update.Action;
import dev.messenger.core.model.Updates;
import dev.messenger.core.store.NewMessage;
import dev.messenger.core.store.NewUpdate;
import dev.messenger.core.store.UpdateResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every store must do for update entries and member settings ({@link
 * dev.messenger.core.store.UpdateLog}, {@link dev.messenger.core.store.MemberSettingsStore};
 * PROTOCOL.md sections 4 and 5). The rules themselves are core's ({@code Changes}); here the store
 * is given rules that always or never allow, and must store exactly what a device folding the
 * entries would compute ({@link Updates#apply}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class UpdateStoreContract extends StoreContractBase {

  private UpdateResult update(String c, String who, Action a, long target, String body, String e) {
    return await(
        store.update(
            new NewUpdate(c, who, device(who), tick(), new Update(a, target, body, e)), s -> true));
  }

  private long lastSeq(String c) {
    return store.conversation(c).orElseThrow().lastSeq();
  }

  @Test
  void update_takesNextSeq_andReadsReturnTheCurrentState() {
    Fixture f = directWithMessages(2);
    UpdateResult r = update(f.c(), f.a(), Action.EDITED, 1, "edited", null);
    assertThat(r.entry().seq()).isEqualTo(3);
    assertThat(r.entry().kind()).isEqualTo(Message.Kind.UPDATE);
    assertThat(r.entry().body()).isEmpty();
    assertThat(r.entry().clientId()).isNull();
    assertThat(r.target().body()).isEqualTo("edited");
    assertThat(r.target().details().editedAt()).isEqualTo(r.entry().ts());
    List<Message> all = store.messages(f.c(), 1, null, null, 10);
    assertThat(all).extracting(Message::seq).containsExactly(1L, 2L, 3L);
    assertThat(all.get(0)).isEqualTo(r.target());
    assertThat(all.get(2)).isEqualTo(r.entry());
    assertThat(store.message(f.c(), 3)).contains(r.entry());
    assertThat(store.message(f.c(), 9)).isEmpty();
  }

  @Test
  void noOpOrRefused_storesNothing() {
    Fixture f = directWithMessages(1);
    UpdateResult noop =
        await(
            store.update(
                new NewUpdate(
                    f.c(), f.a(), null, tick(), new Update(Action.DELETED, 1, null, null)),
                s -> false));
    assertThat(noop.noop()).isTrue();
    assertThat(noop.target().seq()).isEqualTo(1);
    assertFailsWith(
        ErrorCode.FORBIDDEN,
        () ->
            store.update(
                new NewUpdate(
                    f.c(), f.a(), null, tick(), new Update(Action.DELETED, 1, null, null)),
                s -> {
                  throw MessengerException.forbidden("no");
                }));
    assertFailsWith(
        ErrorCode.NOT_FOUND,
        () ->
            store.update(
                new NewUpdate(
                    f.c(), f.a(), null, tick(), new Update(Action.DELETED, 7, null, null)),
                s -> true));
    assertThat(lastSeq(f.c())).isEqualTo(1);
    assertThat(store.message(f.c(), 1).orElseThrow().details().deleted()).isFalse();
  }

  @Test
  void delete_emptiesTheMessage() {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    await(
        store.append(
            new NewMessage(
                c,
                a,
                null,
                clientId(),
                tick(),
                "secret",
                List.of(),
                new MessageDetails(null, List.of(b), false, null, false, List.of(), null, null))));
    update(c, b, Action.REACTED, 1, null, "👍");
    Message deleted = update(c, a, Action.DELETED, 1, null, null).target();
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.details().deleted()).isTrue();
    assertThat(deleted.details().mentions()).isEmpty();
    assertThat(deleted.details().reactions()).isEmpty();
    assertThat(store.messages(c, 1, null, null, 5).get(0)).isEqualTo(deleted);
  }

  @Test
  void replyMentionsForwarded_roundTrip() {
    Fixture f = directWithMessages(1);
    MessageDetails d =
        new MessageDetails(1L, List.of(f.a(), f.b()), true, null, false, List.of(), null, null);
    Message sent =
        await(
                store.append(
                    new NewMessage(f.c(), f.b(), null, clientId(), tick(), "re", List.of(), d)))
            .message();
    assertThat(sent.details()).isEqualTo(d);
    assertThat(store.message(f.c(), sent.seq()).orElseThrow().details()).isEqualTo(d);
  }

  @Test
  void reactions_equalTheFoldOfTheEntries() {
    String a = user("alice");
    String b = user("bob");
    String c = user("carol");
    String g = group(a, "g", List.of(b, c));
    Message target = send(g, a, "react to me").message();
    Message folded = target;
    Object[][] steps = {
      {a, Action.REACTED, "👍"}, {b, Action.REACTED, "🎉"}, {c, Action.REACTED, "👍"},
      {a, Action.UNREACTED, "👍"}, {b, Action.REACTED, "👍"}, {c, Action.UNREACTED, "👍"},
      {b, Action.UNREACTED, "👍"}, {a, Action.REACTED, "👍"}, {c, Action.REACTED, "🎉"}
    };
    for (Object[] s : steps) {
      UpdateResult r = update(g, (String) s[0], (Action) s[1], target.seq(), null, (String) s[2]);
      folded = Updates.apply(folded, r.entry());
      assertThat(r.target()).isEqualTo(folded);
    }
    assertThat(folded.details().reactions())
        .containsExactly(new Reaction("🎉", 2, List.of(b, c)), new Reaction("👍", 1, List.of(a)));
    assertThat(store.messages(g, 1, null, null, 50))
        .filteredOn(m -> m.seq() == target.seq())
        .containsExactly(folded);
  }

  @Test
  void pins_listedAscending_perConversationAndPerUser() {
    Fixture f = directWithMessages(3);
    update(f.c(), f.a(), Action.PINNED, 3, null, null);
    update(f.c(), f.b(), Action.PINNED, 1, null, null);
    assertThat(store.pinned(f.c())).containsExactly(1L, 3L);
    assertThat(store.pinnedOf(f.a())).containsEntry(f.c(), List.of(1L, 3L));
    update(f.c(), f.b(), Action.UNPINNED, 3, null, null);
    assertThat(store.pinned(f.c())).containsExactly(1L);
    assertThat(store.pinnedOf(user("nobody"))).isEmpty();
  }

  @Test
  void settings_persistPerMember() {
    Fixture f = directWithMessages(1);
    Member m = await(store.changeSettings(f.c(), f.a(), s -> new MemberSettings(99L, true, 1)));
    assertThat(m.settings()).isEqualTo(new MemberSettings(99L, true, 1));
    assertThat(store.member(f.c(), f.a()).orElseThrow().settings()).isEqualTo(m.settings());
    assertThat(store.member(f.c(), f.b()).orElseThrow().settings()).isEqualTo(MemberSettings.NONE);
    assertFailsWith(
        ErrorCode.NOT_FOUND, () -> store.changeSettings(f.c(), user("stranger"), s -> s));
  }

  @Test
  void unreadCount_othersLiveTextAboveReadAndCleared() {
    Fixture f = directWithMessages(4); // a sends 1 and 3, b sends 2 and 4
    String a = f.a();
    assertThat(store.unreadCount(store.member(f.c(), a).orElseThrow())).isEqualTo(2);
    update(f.c(), f.b(), Action.DELETED, 4, null, null); // entry 5, and 4 is no longer unread
    update(f.c(), f.b(), Action.REACTED, 1, null, "👍"); // entry 6: not text
    assertThat(store.unreadCount(store.member(f.c(), a).orElseThrow())).isEqualTo(1);
    Map<String, Long> all = new HashMap<>(store.unreadCounts(a));
    assertThat(all).containsEntry(f.c(), 1L);
    await(store.changeSettings(f.c(), a, s -> new MemberSettings(0, false, 2)));
    assertThat(store.unreadCount(store.member(f.c(), a).orElseThrow())).isZero();
    await(store.changeSettings(f.c(), a, s -> MemberSettings.NONE));
    await(store.advanceCursor(f.c(), a, ReceiptStatus.READ, 2));
    assertThat(store.unreadCounts(a).getOrDefault(f.c(), 0L)).isZero();
  }
}
