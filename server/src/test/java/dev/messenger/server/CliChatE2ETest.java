package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageView;
import dev.messenger.client.cli.Cli;
import dev.messenger.client.cli.Profile;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.settings.NodeSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's part of issue 19 (bug 7) against a real node: {@code chat} survives a server restart,
 * leaves a group the user was removed from, prints only tick changes and sends {@code typing} per
 * key; {@code conversations} does not count the user's own messages as unread.
 */
class CliChatE2ETest {
  private static final Duration T = Duration.ofSeconds(30);
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  /** A {@code chat} running in this JVM with real sockets; type into it with {@link #type}. */
  private static final class Chat {
    final PipedOutputStream keys = new PipedOutputStream();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit;

    void type(String text) throws IOException {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    String out() {
      return out.toString();
    }

    int exit() throws Exception {
      return exit.get(T.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private Path profile(TestNode node, TestNode.TestUser u) {
    Path p = dir.resolve(u.username() + ".json");
    new Profile(node.uri().toString(), u.username(), u.id(), u.deviceId(), u.http().token())
        .save(p);
    return p;
  }

  private Chat chat(Path profile, UnaryOperator<Cli> setup, String... args) throws IOException {
    Chat c = new Chat();
    PipedInputStream in = new PipedInputStream(c.keys);
    CommandLine cl = Cli.commandLine(setup.apply(new Cli().withInput(in)));
    cl.setOut(new PrintWriter(c.out, true));
    cl.setErr(new PrintWriter(c.err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + profile;
    all[1] = "chat";
    System.arraycopy(args, 0, all, 2, args.length);
    c.exit = CompletableFuture.supplyAsync(() -> cl.execute(all));
    return c;
  }

  private static Run cli(Path profile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(new Cli().withInput(new ByteArrayInputStream(new byte[0])));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "--profile=" + profile;
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cl.execute(all), out.toString(), err.toString());
  }

  @Test
  void chat_reconnectsAfterAServerRestart_catchesUp_andSendsWhatWasTypedMeanwhile()
      throws Exception {
    TestNode first = TestNode.start();
    int port = first.port();
    Path data = first.dataDir();
    TestNode.TestUser alice = first.newUser("rc_alice");
    TestNode.TestUser bob = first.newUser("rc_bob");
    ConversationView c = alice.http().openDirect(bob.id());
    alice.http().postMessage(c.id(), UUID.randomUUID().toString(), "before the restart");
    Path bobProfile = profile(first, bob);
    Chat chat = chat(bobProfile, cli -> cli, alice.username());
    TestNode second = null;
    try {
      await().atMost(T).until(() -> chat.out().contains(": before the restart"));

      first.close();
      await().atMost(T).until(() -> chat.out().contains("reconnecting…"));
      chat.type("typed while the server was down\n");
      await().atMost(T).until(() -> chat.out().contains("will send when reconnected"));
      assertThat(chat.exit).as("still chatting: " + chat.out()).isNotDone();

      second =
          TestNode.start(
              TestNode.testSettings()
                  .with(b -> b.set(NodeSettings.PORT, port).set(NodeSettings.DATA_DIR, data)));
      await().atMost(T).until(() -> chat.out().contains("* reconnected"));
      await()
          .atMost(T)
          .until(() -> chat.out().contains("#2 me: typed while the server was down ✓"));
      alice.http().postMessage(c.id(), UUID.randomUUID().toString(), "after the restart");
      await()
          .atMost(T)
          .until(() -> chat.out().contains("#3 " + alice.username() + ": after the restart"));
      chat.type("and still here\n/quit\n");
      assertThat(chat.exit()).as(chat.err.toString()).isZero();

      List<String> bodies =
          second
              .anonymous()
              .withToken(alice.http().token())
              .history(c.id(), null, null, 50)
              .messages()
              .stream()
              .map(MessageView::body)
              .toList();
      assertThat(bodies)
          .containsExactly(
              "before the restart",
              "typed while the server was down",
              "after the restart",
              "and still here");
    } finally {
      chat.keys.close();
      if (second != null) {
        second.close();
      } else {
        first.close();
      }
    }
  }

  @Test
  void chat_leaves_whenTheUserIsRemovedFromTheGroup() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser alice = node.newUser("rm_alice");
      TestNode.TestUser bob = node.newUser("rm_bob");
      TestNode.TestUser carol = node.newUser("rm_carol");
      ConversationView g = alice.http().createGroup("trip", List.of(bob.id(), carol.id()));
      Chat chat = chat(profile(node, bob), cli -> cli, "--group=" + g.id());
      await().atMost(T).until(() -> chat.out().contains("* chatting with group trip"));

      alice.http().removeMember(g.id(), bob.id());

      assertThat(chat.exit()).as(chat.out()).isZero();
      assertThat(chat.out()).contains("no longer a member of this conversation; leaving the chat");
      chat.keys.close();
    }
  }

  @Test
  void chat_printsOnlyTheTickChange_notTheWholeLineAgain() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser alice = node.newUser("tk_alice");
      TestNode.TestUser bob = node.newUser("tk_bob");
      Chat chat = chat(profile(node, alice), cli -> cli, bob.username());
      await().atMost(T).until(() -> chat.out().contains("* chatting with"));
      chat.type("hello there\n");
      await().atMost(T).until(() -> chat.out().contains("#1 me: hello there ✓"));
      String c = alice.http().conversations().get(0).id();
      try (RecordingSocket b = bob.connect()) {
        b.ack(c, 1, "read");
        await().atMost(T).until(() -> chat.out().contains("* #1 ✓✓ read"));
      }
      chat.type("/quit\n");
      assertThat(chat.exit()).isZero();
      assertThat(chat.out().split("me: hello there", -1)).as(chat.out()).hasSize(2);
    }
  }

  @Test
  void chat_inATerminal_sendsTypingWhileKeysAreTyped_beforeEnter() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser alice = node.newUser("ty_alice");
      TestNode.TestUser bob = node.newUser("ty_bob");
      try (RecordingSocket b = bob.connect()) {
        Chat chat = chat(profile(node, alice), cli -> cli.withKeys(true), bob.username());
        await().atMost(T).until(() -> chat.out().contains("* chatting with"));
        chat.type("hel");
        JsonNode typing =
            b.await(
                f ->
                    "typing".equals(f.path("type").asText())
                        && "start".equals(f.path("state").asText()),
                T);
        assertThat(typing.path("userId").asText()).isEqualTo(alice.id());
        assertThat(b.frames("message")).isEmpty();
        assertThat(chat.out()).endsWith("> hel");

        chat.type("lo\r");
        JsonNode m = b.awaitType("message", T);
        assertThat(m.path("body").asText()).isEqualTo("hello");
        b.await(
            f ->
                "typing".equals(f.path("type").asText()) && "stop".equals(f.path("state").asText()),
            T);
        chat.type("/quit\r");
        assertThat(chat.exit()).as(chat.err.toString()).isZero();
        assertThat(chat.out()).contains("#1 me: hello ✓");
      }
    }
  }

  @Test
  void conversations_doNotCountTheUsersOwnMessagesAsUnread() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser alice = node.newUser("ur_alice");
      TestNode.TestUser bob = node.newUser("ur_bob");
      Path a = profile(node, alice);
      Path b = profile(node, bob);
      assertThat(cli(a, "send", bob.username(), "one").exit()).isZero();
      assertThat(cli(a, "send", bob.username(), "two").exit()).isZero();
      ConversationView g = alice.http().createGroup("team", List.of(bob.id()));
      assertThat(cli(a, "send", "--group=" + g.id(), "hi").exit()).isZero();

      Run mine = cli(a, "conversations");
      assertThat(mine.out()).contains("direct  unread 0").contains("group  unread 0");
      Run theirs = cli(b, "conversations");
      assertThat(theirs.out()).contains("direct  unread 2").contains("group  unread 1");
    }
  }
}
