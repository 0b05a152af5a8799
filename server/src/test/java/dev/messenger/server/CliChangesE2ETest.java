package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.messenger.client.cli.Cli;
import dev.messenger.client.testing.RecordingSocket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's part of issue 12 against a real node: the commands that change messages and the
 * member's own settings, and the interactive chat making changes and showing them (edits,
 * deletions, reactions, replies) by folding update entries.
 */
class CliChangesE2ETest {
  private static final Duration T = Duration.ofSeconds(20);
  private static TestNode node;
  @TempDir Path dir;
  private String alice;
  private String bob;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String profile, String stdin, String... args) {
    return cli(
        profile, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, args);
  }

  /** Runs one command line; {@code out} (may be null) receives its standard output as it runs. */
  private Run cli(String profile, InputStream in, StringWriter out, String... args) {
    StringWriter o = out != null ? out : new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(new Cli().withInput(in));
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + dir.resolve(profile + ".json");
    all[1] = "--server=" + node.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = cl.execute(all);
    return new Run(exit, o.toString(), err.toString());
  }

  private Run ok(String profile, String... args) {
    Run r = cli(profile, "", args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  @BeforeEach
  void accounts() {
    alice = "cc_alice_" + System.nanoTime() % 100000;
    bob = "cc_bob_" + System.nanoTime() % 100000;
    ok("alice", "register", alice, "--password=alice-secret");
    ok("bob", "register", bob, "--password=bob-secret");
    ok("alice", "login", alice, "--password=alice-secret");
    ok("bob", "login", bob, "--password=bob-secret");
  }

  @Test
  void commands_editReactReplyPinReadByForwardDelete() {
    // seqs: 1 the message, 2 its edit, 3 the reaction, 4 the reply, 5 the pin, 6 the forward
    ok("alice", "send", bob, "hello", "wrld");
    assertThat(ok("alice", "edit", bob, "1", "hello", "world").out())
        .contains("#1 me: hello world (edited)");
    assertThat(ok("bob", "react", alice, "#1", "👍").out()).contains("reacted 👍 to #1");
    Run reply = ok("bob", "send", alice, "--reply-to=1", "--mention=" + alice, "nice", "one");
    assertThat(reply.out())
        .contains("  > #1 " + alice + ": hello world")
        .contains("#4 me: nice one");

    Run history = ok("alice", "history", bob);
    assertThat(history.out())
        .contains("#1 me: hello world (edited)")
        .contains("[👍 1]")
        .contains("  > #1 me: hello world")
        .contains("#4 " + bob + ": nice one [@you]");

    var bobUser = node.anonymous().loginAs(bob, "bob-secret");
    try (RecordingSocket b = RecordingSocket.open(bobUser)) {
      String c = bobUser.conversations().get(0).id();
      b.ack(c, 4, "read");
      // The ack has no reply: wait until its cursor is stored.
      await().atMost(T).until(() -> !bobUser.messages().readBy(c, 1).read().isEmpty());
    }
    assertThat(ok("alice", "readby", bob, "1").out())
        .contains("delivered: " + bob)
        .contains("read: " + bob);
    assertThat(ok("alice", "pin", bob, "1").out()).contains("pinned #1");
    assertThat(ok("alice", "conversations").out()).contains("pinned #1");
    assertThat(ok("alice", "forward", bob, "4", bob).out()).contains("#6 me: [forwarded] nice one");

    Run forbidden = cli("bob", "", "delete", alice, "1");
    assertThat(forbidden.exit()).isEqualTo(1);
    assertThat(forbidden.err()).contains("error: forbidden (403)");
    Run entry = cli("bob", "", "edit", alice, "2", "x");
    assertThat(entry.exit()).as("an update entry does not change").isEqualTo(1);
    assertThat(entry.err()).contains("error: bad_request (400)");
    assertThat(ok("alice", "delete", bob, "1").out()).contains("deleted #1");
    assertThat(ok("bob", "history", alice).out())
        .contains("#1 " + alice + ": (message deleted)")
        .contains("  > #1 " + alice + ": (message deleted)");
    Run notNumber = cli("bob", "", "pin", alice, "x");
    assertThat(notNumber.exit()).isEqualTo(1);
    assertThat(notNumber.err()).contains("not a message number: x");
  }

  @Test
  void commands_muteArchiveClear_areTheUsersOwn() {
    ok("alice", "send", bob, "one");
    ok("alice", "send", bob, "two");
    assertThat(ok("bob", "conversations").out()).contains("unread 2");
    assertThat(ok("bob", "mute", alice, "8h").out()).contains("muted " + alice + " until ");
    assertThat(ok("bob", "archive", alice).out()).contains("archived " + alice);
    assertThat(ok("bob", "conversations").out()).contains("muted  archived");
    assertThat(ok("alice", "conversations").out())
        .doesNotContain("muted")
        .doesNotContain("archived");
    assertThat(ok("bob", "mute", alice).out()).contains("for ever");
    ok("bob", "unmute", alice);
    ok("bob", "unarchive", alice);
    assertThat(ok("bob", "conversations").out()).doesNotContain("muted").doesNotContain("archived");

    assertThat(ok("bob", "clear", alice, "--up-to=1").out())
        .contains("cleared " + alice + " up to #1");
    assertThat(ok("bob", "history", alice).out()).doesNotContain(": one").contains(": two");
    assertThat(ok("bob", "clear", alice).out()).contains("up to #2");
    assertThat(ok("bob", "history", alice).out()).doesNotContain(": two");
    assertThat(ok("alice", "history", bob).out()).contains("me: one").contains("me: two");
    Run bad = cli("bob", "", "mute", alice, "soon");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("not a duration");
  }

  @Test
  void chat_makesChanges_andShowsThemFolded() {
    ok("alice", "send", bob, "first line");
    var bobUser = node.anonymous().loginAs(bob, "bob-secret");
    try (RecordingSocket b = RecordingSocket.open(bobUser)) {
      Run chat =
          cli(
              "alice",
              String.join(
                  "\n",
                  "/edit 1 first line, edited",
                  "/react 1 👍",
                  "/reply 1 a reply",
                  "/pin 1",
                  "/react 1 👍",
                  "/delete 1",
                  "/react 99 👍",
                  "/edit x y",
                  "//slash",
                  "/help",
                  "/quit",
                  ""),
              "chat",
              bob);
      assertThat(chat.exit()).as(chat.err()).isZero();
      assertThat(chat.out())
          .contains("#1 me: first line ✓")
          .contains("#1 me: first line, edited (edited) ✓")
          .contains("#1 me: first line, edited (edited) ✓ [👍 1]")
          .contains("  > #1 me: first line, edited")
          .contains("#4 me: a reply ✓")
          .contains("* you pinned #1: first line, edited (edited)")
          .contains("* nothing changed on #1")
          .contains("#1 me: (message deleted)\n")
          .contains("! #99 not reacted (not_found:")
          .contains("! not a message number: x")
          .contains("#7 me: /slash")
          .contains("/forward N TO");
      b.await(
          f ->
              "update".equals(f.path("kind").asText())
                  && "deleted".equals(f.path("update").path("action").asText()),
          T);
    }
  }

  @Test
  void chat_showsThePeersChangesAsTheyComeIn() throws Exception {
    ok("alice", "send", bob, "see you at 5");
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(typing);
    StringWriter out = new StringWriter();
    CompletableFuture<Run> chat =
        CompletableFuture.supplyAsync(() -> cli("bob", in, out, "chat", alice));
    await().atMost(T).until(() -> out.toString().contains("#1 " + alice + ": see you at 5"));

    ok("alice", "edit", bob, "1", "see you at 6");
    await()
        .atMost(T)
        .until(() -> out.toString().contains("#1 " + alice + ": see you at 6 (edited)"));
    ok("alice", "react", bob, "1", "🎉");
    await().atMost(T).until(() -> out.toString().contains("(edited) [🎉 1]"));
    ok("alice", "send", bob, "--reply-to=1", "or 7");
    await().atMost(T).until(() -> out.toString().contains("  > #1 " + alice + ": see you at 6"));
    ok("alice", "delete", bob, "1");
    await().atMost(T).until(() -> out.toString().contains("#1 " + alice + ": (message deleted)"));

    typing.write("/quit\n".getBytes(StandardCharsets.UTF_8));
    typing.close();
    Run done = chat.get(T.toSeconds(), TimeUnit.SECONDS);
    assertThat(done.exit()).as(done.err()).isZero();
  }
}
