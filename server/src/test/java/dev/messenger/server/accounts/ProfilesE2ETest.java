package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.client.AccountClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.UserView;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profiles end to end (PROTOCOL.md section 8): {@code PATCH /api/v1/users/me} with a display name
 * and an avatar that every user who can look the user up may read.
 */
class ProfilesE2ETest {
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void profile_displayNameAndAvatar_visibleToAnyUser_andTheAvatarReadableByThem() {
    TestUser alice = node.newUser("alice");
    TestUser stranger = node.newUser("stranger");
    byte[] png = MediaSamples.png(8, 8);
    String mediaId = alice.http().uploadMedia(png, "image/png").id();
    // Before it is her avatar, a stranger may not read it.
    assertThatThrownBy(() -> stranger.http().downloadMedia(mediaId, false))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

    UserView me = new AccountClient(alice.http()).updateProfile("Alice A.", true, mediaId);
    assertThat(me.displayName()).isEqualTo("Alice A.");
    assertThat(me.avatar()).isEqualTo(mediaId);
    assertThat(stranger.http().user(alice.id())).isEqualTo(me);
    assertThat(stranger.http().userByUsername(alice.username()).avatar()).isEqualTo(mediaId);
    assertThat(stranger.http().downloadMedia(mediaId, false)).isEqualTo(png);

    // Leaving the avatar out keeps it; null removes it, and with it the stranger's access.
    assertThat(new AccountClient(alice.http()).updateProfile("Alice", false, null).avatar())
        .isEqualTo(mediaId);
    UserView cleared = new AccountClient(alice.http()).updateProfile(null, true, null);
    assertThat(cleared.avatar()).isNull();
    assertThat(cleared.displayName()).isEqualTo("Alice");
    assertThatThrownBy(() -> stranger.http().downloadMedia(mediaId, false))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void profile_refusesOthersMedia_nonImages_andBadNames_changingNothing() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String bobs = bob.http().uploadMedia(MediaSamples.png(4, 4), "image/png").id();
    var account = new AccountClient(alice.http());
    assertThatThrownBy(() -> account.updateProfile(null, true, bobs))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> account.updateProfile(null, true, "md_no_such"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> account.updateProfile("x".repeat(65), false, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> account.updateProfile("   ", false, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> alice.http().rawRequest("PATCH", "/users/me", "{\"avatar\": 12}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    String pdfId = alice.http().uploadMedia(MediaSamples.pdf(), "application/pdf").id();
    assertThatThrownBy(() -> account.updateProfile(null, true, pdfId))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    UserView me = account.me();
    assertThat(me.displayName()).isEqualTo(alice.username());
    assertThat(me.avatar()).isNull();
  }
}
