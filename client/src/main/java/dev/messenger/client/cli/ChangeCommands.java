package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageView;
import dev.messenger.client.OutgoingMessage;
import dev.messenger.client.ReadByView;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The commands that change one message or read its receipts, over HTTP (PROTOCOL.md section 4):
 * {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin}, {@code unpin}, {@code
 * forward} and {@code readby}. Each names a chat (a username for a direct chat, or a conversation
 * id) and a message by its number {@code N} (its seq, shown as {@code #N} by {@code history} and
 * {@code chat}). Not thread-safe.
 */
final class ChangeCommands {
  private ChangeCommands() {}

  /** The arguments every command here starts with: the chat ({@link OnChat}) and the number. */
  abstract static class OnMessage extends OnChat {
    @Parameters(index = "1", paramLabel = "N", description = "The message number #N (its seq).")
    String number;

    ConversationView conversation;

    /** Logs in, finds the conversation, and answers the message's seq. */
    long resolve() {
      Long seq = ChatInput.seq(number);
      if (seq == null) {
        throw new CliException("not a message number: " + number + " (the #N shown before it)");
      }
      conversation = conversation();
      return seq;
    }

    /** Prints {@code m} as {@code history} does. */
    Integer print(MessageView m) {
      ChatState state =
          new ChatState(session.userId(), conversation, new Names(session.client()), cli.clock())
              .withLookup(Targets.lookup(session.client(), conversation.id()));
      state.messages(List.of(m)).forEach(cli.out()::println);
      cli.out().flush();
      return 0;
    }
  }

  @Command(name = "edit", description = "Replace the text of your message N.")
  static final class Edit extends OnMessage {
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "TEXT", description = "The new text.")
    List<String> text;

    @Override
    public Integer call() {
      long seq = resolve();
      return print(api().edit(conversation.id(), seq, String.join(" ", text)));
    }
  }

  @Command(name = "delete", description = "Delete message N for everyone.")
  static final class Delete extends OnMessage {
    @Override
    public Integer call() {
      long seq = resolve();
      api().delete(conversation.id(), seq);
      return done("deleted #" + seq);
    }
  }

  @Command(name = "react", description = "Add your reaction EMOJI to message N.")
  static final class React extends OnMessage {
    @Parameters(index = "2", paramLabel = "EMOJI", description = "The emoji, e.g. 👍.")
    String emoji;

    @Override
    public Integer call() {
      long seq = resolve();
      api().react(conversation.id(), seq, emoji);
      return done("reacted " + emoji + " to #" + seq);
    }
  }

  @Command(name = "unreact", description = "Take your reaction EMOJI off message N.")
  static final class Unreact extends OnMessage {
    @Parameters(index = "2", paramLabel = "EMOJI", description = "The emoji.")
    String emoji;

    @Override
    public Integer call() {
      long seq = resolve();
      api().unreact(conversation.id(), seq, emoji);
      return done("took back " + emoji + " from #" + seq);
    }
  }

  @Command(
      name = "pin",
      description = "Pin message N (group admins, or either member of a direct).")
  static final class Pin extends OnMessage {
    @Override
    public Integer call() {
      long seq = resolve();
      api().pin(conversation.id(), seq);
      return done("pinned #" + seq);
    }
  }

  @Command(name = "unpin", description = "Unpin message N.")
  static final class Unpin extends OnMessage {
    @Override
    public Integer call() {
      long seq = resolve();
      api().unpin(conversation.id(), seq);
      return done("unpinned #" + seq);
    }
  }

  @Command(name = "forward", description = "Forward message N to another user or conversation.")
  static final class Forward extends OnMessage {
    @Parameters(index = "2", paramLabel = "TO", description = "A username or a conversation id.")
    String to;

    @Override
    public Integer call() {
      long seq = resolve();
      ConversationView from = conversation;
      conversation = Targets.conversation(session.client(), to, null);
      OutgoingMessage m =
          OutgoingMessage.forward(conversation.id(), UUID.randomUUID().toString(), from.id(), seq);
      return print(api().post(m));
    }
  }

  @Command(name = "readby", description = "Who has received and read message N.")
  static final class ReadBy extends OnMessage {
    @Override
    public Integer call() {
      long seq = resolve();
      ReadByView r = api().readBy(conversation.id(), seq);
      Names names = new Names(session.client());
      say("delivered: " + list(r.delivered(), names));
      return done("read: " + list(r.read(), names));
    }

    private static String list(List<String> userIds, Names names) {
      return userIds.isEmpty()
          ? "nobody yet"
          : String.join(", ", userIds.stream().map(names).toList());
    }
  }
}
