package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.AccountClient;
import dev.messenger.client.AdminClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.UserView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure and export end to end (PROTOCOL.md section 8; GDPR articles 17 and 20). The crash case:
 * {@link ErasureCrashE2ETest}.
 */
class PrivacyE2ETest {
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(AccountSettings.ADMIN_API_KEYS, Secret.of(AdminApiE2ETest.KEY)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  /** Files under the node's media directory. */
  private static long mediaFiles() throws Exception {
    Path media = node.dataDir().resolve("media");
    if (!Files.exists(media)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(media)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void deleteMe_erasesTheAccount_everywhere_asProtocolSection8Says() throws Exception {
    TestUser eve = node.newUser("eve");
    TestUser eve2 = node.newDevice(eve);
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String g = bob.http().createGroup("g", List.of(eve.id(), carol.id())).id();
    String d = eve.http().openDirect(bob.id()).id();
    long before = mediaFiles();
    byte[] png = MediaSamples.png(9, 7);
    String mediaId = eve.http().uploadMedia(png, "image/png").id();
    eve.http().postMessage(g, "e-1", "a picture", List.of(mediaId));
    long e2 = eve.http().postMessage(d, "e-2", "private words").seq();
    // An edit entry carries the new text: it is erased too.
    eve.http()
        .rawRequest(
            "PATCH", "/conversations/" + d + "/messages/" + e2, "{\"body\":\"edited words\"}");
    bob.http().postMessage(d, "b-1", "bob's words stay");
    new AccountClient(eve.http()).updateProfile(null, true, mediaId);
    assertThat(mediaFiles()).isGreaterThan(before);
    RecordingSocket socket = eve2.connect();
    RecordingSocket bobSocket = bob.connect();

    assertStatus(() -> new AccountClient(eve.http()).deleteAccount("wrong password"), 403);
    assertThat(eve.http().conversations()).hasSize(2);

    new AccountClient(eve.http()).deleteAccount(eve.password());

    assertThat(socket.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);
    assertStatus(() -> eve.http().conversations(), 401);
    assertStatus(() -> eve2.http().conversations(), 401);
    assertStatus(() -> node.anonymous().login(eve.username(), eve.password(), null), 401);
    // The username stays reserved.
    assertStatus(() -> node.anonymous().register(eve.username(), "another password", null), 409);
    assertStatus(() -> bob.http().userByUsername(eve.username()), 404);
    UserView shown = bob.http().user(eve.id());
    assertThat(shown).isEqualTo(new UserView(eve.id(), null, "Deleted user", null, true));

    // Left the group with member_left; bob hears it live.
    bobSocket.await(
        f ->
            "member_left".equals(f.path("event").path("action").asText())
                && eve.id().equals(f.path("event").path("userId").asText()),
        T);
    assertThat(bob.http().conversation(g).member(eve.id())).isEmpty();
    // Every message she sent reads as deleted, in place; bob's are untouched.
    JsonNode dh = bob.http().rawRequest("GET", "/conversations/" + d + "/messages", null);
    assertThat(dh.toString()).doesNotContain("private words", "edited words");
    for (JsonNode m : dh.get("messages")) {
      if (eve.id().equals(m.path("senderId").asText()) && "text".equals(m.path("kind").asText())) {
        assertThat(m.path("deleted").asBoolean()).isTrue();
        assertThat(m.path("body").asText()).isEmpty();
      } else if (bob.id().equals(m.path("senderId").asText())) {
        assertThat(m.path("body").asText()).isEqualTo("bob's words stay");
      }
    }
    JsonNode gh = bob.http().rawRequest("GET", "/conversations/" + g + "/messages", null);
    JsonNode picture = null;
    for (JsonNode m : gh.get("messages")) {
      if ("e-1".equals(m.path("clientId").asText())) {
        picture = m;
      }
    }
    assertThat(picture).isNotNull();
    assertThat(picture.path("deleted").asBoolean()).isTrue();
    assertThat(picture.has("attachments")).isFalse();
    // Her media bytes are gone from the store, and the media with them.
    assertThat(mediaFiles()).isEqualTo(before);
    assertStatus(() -> bob.http().downloadMedia(mediaId, false), 404);
    bobSocket.close();
  }

  @Test
  void sharedBytes_ofAnotherUploader_surviveTheErasure() throws Exception {
    TestUser eve = node.newUser("eve");
    TestUser bob = node.newUser("bob");
    byte[] png = MediaSamples.png(5, 11);
    eve.http().uploadMedia(png, "image/png");
    String bobs = bob.http().uploadMedia(png, "image/png").id();
    new AccountClient(eve.http()).deleteAccount(eve.password());
    assertThat(bob.http().downloadMedia(bobs, false)).isEqualTo(png);
  }

  @Test
  void export_holdsTheUserContactsBlocksDevicesConversationsAndItsMessages() {
    TestUser ann = node.newUser("ann");
    TestUser phone = node.newDevice(ann);
    TestUser bob = node.newUser("bob");
    TestUser mallory = node.newUser("mallory");
    ann.http().addContact(bob.id());
    new AccountClient(ann.http()).block(mallory.id());
    String d = ann.http().openDirect(bob.id()).id();
    String mediaId = ann.http().uploadMedia(MediaSamples.png(3, 3), "image/png").id();
    ann.http().postMessage(d, "a-1", "hello", List.of(mediaId));
    bob.http().postMessage(d, "b-1", "not hers");
    new AccountClient(ann.http()).revokeDevice(phone.deviceId());

    JsonNode x = new AccountClient(ann.http()).export();
    assertThat(x.path("user").path("id").asText()).isEqualTo(ann.id());
    assertThat(x.path("contacts").get(0).path("id").asText()).isEqualTo(bob.id());
    assertThat(x.path("blocks").get(0).path("id").asText()).isEqualTo(mallory.id());
    assertThat(x.path("devices")).hasSize(2);
    assertThat(x.path("devices").get(1).path("revokedAt").asLong()).isPositive();
    assertThat(x.path("conversations").get(0).path("id").asText()).isEqualTo(d);
    assertThat(x.path("messages")).hasSize(1);
    JsonNode m = x.path("messages").get(0);
    assertThat(m.path("body").asText()).isEqualTo("hello");
    assertThat(m.path("attachments").get(0).path("id").asText()).isEqualTo(mediaId);
    assertThat(x.path("exportedAt").asLong()).isPositive();
    // Nothing secret is in it.
    assertThat(x.toString()).doesNotContain("argon2", ann.http().token());

    AdminClient admin = new AdminClient(node.uri(), AdminApiE2ETest.KEY);
    assertThat(admin.export(ann.id()).path("messages")).hasSize(1);
    admin.eraseUser(ann.id());
    assertStatus(() -> admin.export(ann.id()), 404);
    assertStatus(() -> admin.eraseUser(ann.id()), 404);
    assertStatus(() -> new AdminClient(node.uri(), ann.http().token()).eraseUser(bob.id()), 401);
    assertThat(bob.http().user(ann.id()).deleted()).isTrue();
  }
}
