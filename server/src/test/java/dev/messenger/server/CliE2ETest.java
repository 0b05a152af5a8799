package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.cli.Cli;
import dev.messenger.client.testing.RecordingSocket;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's CLI demo against a real node: register, login, send, history, chat. */
class CliE2ETest {
  private static TestNode node;
  @TempDir Path dir;

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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        Cli.commandLine(
            new Cli().withInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + dir.resolve(profile + ".json");
    all[1] = "--server=" + node.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = cl.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void registerLoginSendHistoryAndChat() {
    String alice = "cli_alice_" + System.nanoTime() % 100000;
    String bob = "cli_bob_" + System.nanoTime() % 100000;
    assertThat(cli("alice", "", "register", alice, "--password=alice-secret").exit()).isZero();
    assertThat(cli("bob", "", "register", bob, "--password=bob-secret").exit()).isZero();
    assertThat(cli("alice", "", "login", alice, "--password=alice-secret").exit()).isZero();
    assertThat(cli("bob", "", "login", bob, "--password=bob-secret").exit()).isZero();

    Run sent = cli("alice", "", "send", bob, "hello", "from", "the", "cli");
    assertThat(sent.exit()).as(sent.err()).isZero();
    Run history = cli("bob", "", "history", alice);
    assertThat(history.exit()).as(history.err()).isZero();
    assertThat(history.out()).contains("hello from the cli");
    Run conversations = cli("bob", "", "conversations");
    assertThat(conversations.out()).contains(alice);

    // Bob is connected while Alice chats from the CLI: he gets her line, she sees it stored.
    var bobUser = node.anonymous().loginAs(bob, "bob-secret");
    try (RecordingSocket b = RecordingSocket.open(bobUser)) {
      Run chat = cli("alice", "typed in the chat\n/quit\n", "chat", bob);
      assertThat(chat.exit()).as(chat.err()).isZero();
      JsonNode m =
          b.await(
              f ->
                  "message".equals(f.path("type").asText())
                      && "typed in the chat".equals(f.path("body").asText()),
              Duration.ofSeconds(10));
      assertThat(m.get("seq").asLong()).isEqualTo(2);
      assertThat(chat.out()).contains("hello from the cli").contains("typed in the chat");
    }
    Run wrong = cli("alice", "", "login", alice, "--password=wrong-password");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("error");
  }
}
