package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The plumbing of the commands that name a chat first ({@link ChatSettingsCommands}) or a chat and
 * a message ({@link ChangeCommands}): the {@code CHAT} argument (a username for a direct chat, or a
 * conversation id), the login, the HTTP routes and one-line answers. Not thread-safe: one instance
 * serves one command line.
 */
abstract class OnChat implements Callable<Integer> {
  @ParentCommand Cli cli;

  @Parameters(
      index = "0",
      paramLabel = "CHAT",
      description = "A username (direct chat) or a conversation id.")
  String chat;

  Cli.Session session;

  /**
   * Logs in and finds the chat.
   *
   * @throws CliException when not logged in or no such user or conversation
   */
  ConversationView conversation() {
    session = cli.session();
    return Targets.conversation(session.client(), chat, null);
  }

  /** The HTTP routes, logged in (after {@link #conversation()}, or on their own). */
  MessageApi api() {
    if (session == null) {
      session = cli.session();
    }
    return session.client().messages();
  }

  /** Prints one line of answer. */
  void say(String line) {
    cli.out().println(line);
    cli.out().flush();
  }

  /** Prints one line of answer and answers exit code 0. */
  Integer done(String line) {
    say(line);
    return 0;
  }
}
