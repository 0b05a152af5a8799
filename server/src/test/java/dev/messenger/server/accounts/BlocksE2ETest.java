package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.AccountClient;
import dev.messenger.client.ApiException;
import dev.messenger.client.UserView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking end to end on one node (PROTOCOL.md section 6). Across nodes: {@code
 * AccountsClusterE2ETest}.
 */
class BlocksE2ETest {
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void block_stopsTheDirectChatBothWays_storingNothing_untilLifted() throws Exception {
    TestUser a = node.newUser("a");
    TestUser b = node.newUser("b");
    String d = a.http().openDirect(b.id()).id();
    a.http().postMessage(d, "before", "hi");
    new AccountClient(a.http()).block(b.id());
    new AccountClient(a.http()).block(b.id()); // twice: still 204
    assertThat(new AccountClient(a.http()).blocks())
        .extracting(UserView::id)
        .containsExactly(b.id());
    assertThat(new AccountClient(b.http()).blocks()).isEmpty();

    assertStatus(() -> a.http().postMessage(d, "a-1", "no"), 403);
    assertStatus(() -> b.http().postMessage(d, "b-1", "no"), 403);
    assertStatus(() -> b.http().openDirect(a.id()), 403);
    assertStatus(() -> a.http().openDirect(b.id()), 403);
    try (RecordingSocket bs = b.connect()) {
      JsonNode viaConversation = bs.send(d, "b-2", "no").get();
      assertThat(viaConversation.path("code").asText()).isEqualTo("forbidden");
      JsonNode viaTo = bs.sendTo(a.id(), "b-3", "no").get();
      assertThat(viaTo.path("code").asText()).isEqualTo("forbidden");
    }
    assertThat(a.http().history(d, null, null, null).messages()).hasSize(1);

    new AccountClient(a.http()).unblock(b.id());
    assertThat(b.http().postMessage(d, "b-4", "again").seq()).isEqualTo(2);
    assertThat(new AccountClient(a.http()).blocks()).isEmpty();
  }

  @Test
  void blocked_cannotAddTheBlocker_toAGroup_butTheBlockerCanAddThem() {
    TestUser a = node.newUser("a");
    TestUser b = node.newUser("b");
    new AccountClient(a.http()).block(b.id());
    String bGroup = b.http().createGroup("b's", List.of()).id();
    assertStatus(() -> b.http().addMember(bGroup, a.id()), 403);
    assertStatus(() -> b.http().createGroup("with a", List.of(a.id())), 403);
    String aGroup = a.http().createGroup("a's", List.of(b.id())).id();
    assertThat(a.http().conversation(aGroup).members()).hasSize(2);
  }

  @Test
  void inASharedGroup_messagesFlow_butPresenceAndTypingAreHiddenBothWays() throws Exception {
    TestUser a = node.newUser("a");
    TestUser b = node.newUser("b");
    TestUser c = node.newUser("c");
    String g = a.http().createGroup("g", List.of(b.id(), c.id())).id();
    try (RecordingSocket as = a.connect();
        RecordingSocket bs = b.connect();
        RecordingSocket cs = c.connect()) {
      bs.subscribePresence(List.of(a.id()));
      bs.await(
          f ->
              "presence".equals(f.path("type").asText())
                  && a.id().equals(f.path("userId").asText()),
          T);
      new AccountClient(a.http()).block(b.id());
      assertThat(b.http().presence(List.of(a.id()))).isEmpty();
      assertThat(a.http().presence(List.of(b.id()))).isEmpty();
      assertThat(c.http().presence(List.of(a.id(), b.id()))).hasSize(2);

      as.typing(g, "start");
      bs.typing(g, "start");
      // c hears both; a and b hear nothing of each other. c's typing reaches both.
      cs.await(
          f -> "typing".equals(f.path("type").asText()) && b.id().equals(f.path("userId").asText()),
          T);
      cs.await(
          f -> "typing".equals(f.path("type").asText()) && a.id().equals(f.path("userId").asText()),
          T);
      cs.typing(g, "start");
      as.await(
          f -> "typing".equals(f.path("type").asText()) && c.id().equals(f.path("userId").asText()),
          T);
      bs.await(
          f -> "typing".equals(f.path("type").asText()) && c.id().equals(f.path("userId").asText()),
          T);
      assertThat(as.frames("typing")).noneMatch(f -> b.id().equals(f.path("userId").asText()));
      assertThat(bs.frames("typing")).noneMatch(f -> a.id().equals(f.path("userId").asText()));

      // Messages in the group still reach everyone.
      assertThat(as.send(g, "a-g", "hello all").get().path("type").asText()).isEqualTo("sent");
      bs.await(
          f ->
              "message".equals(f.path("type").asText())
                  && "hello all".equals(f.path("body").asText()),
          T);

      // a's presence changes are no longer told to b (its watch was dropped), but c hears them.
      cs.subscribePresence(List.of(a.id()));
      int before = bs.frames("presence").size();
      as.close();
      cs.await(
          f ->
              "presence".equals(f.path("type").asText())
                  && "offline".equals(f.path("status").asText()),
          T);
      assertThat(bs.frames("presence")).hasSize(before);
      // b was never told of the block.
      assertThat(bs.frames()).noneMatch(f -> f.toString().contains("block"));
      // Re-subscribing shows nothing while blocked.
      bs.subscribePresence(List.of(a.id()));
      assertThat(bs.ping().get().path("type").asText()).isEqualTo("pong");
      assertThat(bs.frames("presence")).hasSize(before);
    }
  }

  @Test
  void block_unknownUserOrSelf_isRefused() {
    TestUser a = node.newUser("a");
    assertStatus(() -> new AccountClient(a.http()).block("u_nobody"), 404);
    assertStatus(() -> new AccountClient(a.http()).block(a.id()), 400);
  }
}
