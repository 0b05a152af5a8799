package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Ids;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.User;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaCatalog;
import dev.messenger.core.media.MediaInfo;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MediaCatalog} must do: records, per-owner deduplication, and who may read (the
 * uploader; members who can see a message carrying the media). Subclasses supply the three stores
 * on one fresh database.
 */
public abstract class MediaCatalogContract {
  protected MessageStore messages;
  protected AccountStore accounts;
  protected MediaCatalog catalog;
  private long now = 1_700_000_000_000L;

  /** Fresh stores on one empty database: messages, accounts, media catalog. */
  protected abstract void open() throws Exception;

  @BeforeEach
  void openStores() throws Exception {
    open();
  }

  private long tick() {
    return ++now;
  }

  private String user(String name) {
    String id = Ids.newId("u");
    String username = (name + "_" + id.substring(2, 8)).toLowerCase(Locale.ROOT);
    await(accounts.createUser(new User(id, username, name, "plain:x", tick(), 0)));
    return id;
  }

  private MediaInfo media(String owner, char digest) {
    String sha = String.valueOf(digest).repeat(64);
    return new MediaInfo(
        Ids.newId("md"), owner, "image/png", 42, sha, Media.contentKey(sha), tick());
  }

  private void carry(String conversationId, String sender, MediaInfo m) {
    await(
        messages.append(
            new NewMessage(
                conversationId,
                sender,
                null,
                Ids.newId("k"),
                tick(),
                "",
                List.of(m.attachment()))));
  }

  @Test
  void add_thenReadBack() {
    String a = user("alice");
    MediaInfo m = media(a, 'a');

    assertThat(await(catalog.add(m))).isEqualTo(m);
    assertThat(catalog.media(m.id())).contains(m);
    assertThat(catalog.byOwnerAndSha256(a, m.sha256())).contains(m);
    assertThat(catalog.media("md_missing")).isEmpty();
  }

  @Test
  void add_sameOwnerSameBytes_returnsTheFirst_otherOwnerGetsItsOwn() {
    String a = user("alice");
    String b = user("bob");
    MediaInfo first = await(catalog.add(media(a, 'b')));

    MediaInfo again = await(catalog.add(media(a, 'b')));
    MediaInfo bobs = await(catalog.add(media(b, 'b')));

    assertThat(again).isEqualTo(first);
    assertThat(bobs.id()).isNotEqualTo(first.id());
    assertThat(bobs.storageKey()).isEqualTo(first.storageKey());
  }

  @Test
  void readable_byUploader_andByMembersOfAConversationCarryingIt() {
    String a = user("alice");
    String b = user("bob");
    String e = user("eve");
    MediaInfo m = await(catalog.add(media(a, 'c')));

    assertThat(catalog.readable(a, m.id())).isTrue();
    assertThat(catalog.readable(b, m.id())).isFalse();

    String c = await(messages.openDirect(a, b, Ids.newId("c"), tick())).id();
    carry(c, a, m);

    assertThat(catalog.readable(b, m.id())).isTrue();
    assertThat(catalog.readable(e, m.id())).isFalse();
  }

  @Test
  void readable_notForMembersWhoJoinedAfter_norForThoseWhoLeft() {
    String a = user("alice");
    String b = user("bob");
    String late = user("late");
    MediaInfo m = await(catalog.add(media(a, 'd')));
    String g = Ids.newId("c");
    await(messages.createGroup(g, "g", a, List.of(b), tick()));
    carry(g, a, m);
    await(
        messages.applyEvent(
            g, new SystemEvent(SystemEvent.Action.MEMBER_ADDED, late, a, null), tick()));

    assertThat(catalog.readable(b, m.id())).isTrue();
    assertThat(catalog.readable(late, m.id())).isFalse();

    await(
        messages.applyEvent(
            g, new SystemEvent(SystemEvent.Action.MEMBER_LEFT, b, b, null), tick()));
    assertThat(catalog.readable(b, m.id())).isFalse();
  }
}
