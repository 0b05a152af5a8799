package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.HistoryPage;
import dev.messenger.client.MemberView;
import dev.messenger.client.MessageView;
import dev.messenger.client.OutgoingMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code send}, {@code history} and {@code conversations} commands. Not thread-safe. */
final class MessageCommands {
  private MessageCommands() {}

  /**
   * {@code send USERNAME [--file PATH] TEXT...} or {@code send --group ID [--file PATH] TEXT...}:
   * posts one message over HTTP (uploading the file first, if any; the text may then be left out)
   * and prints it with its tick.
   */
  @Command(name = "send", description = "Send one message to a user or a group.")
  static final class Send implements Callable<Integer> {
    @ParentCommand Cli cli;
    @Spec CommandSpec spec;

    @Option(names = "--group", paramLabel = "ID", description = "Send to this conversation id.")
    String group;

    @Option(
        names = "--reply-to",
        paramLabel = "N",
        description = "Answer message #N of the conversation.")
    String replyTo;

    @Option(
        names = "--mention",
        paramLabel = "USERNAME",
        description = "Mention this member (repeatable).")
    List<String> mentions = new ArrayList<>();

    @Option(
        names = "--file",
        paramLabel = "PATH",
        description = "Attach this picture, audio, video or PDF (the text is then optional).")
    Path file;

    @Parameters(
        arity = "0..*",
        paramLabel = "WORDS",
        description = "USERNAME (or conversation id) then the text; only the text with --group.")
    List<String> words = new ArrayList<>();

    /** The recipient named on the command line, or null with {@code --group}. */
    String recipient() {
      return group == null && !words.isEmpty() ? words.get(0) : null;
    }

    /** The message text: the words after the recipient, joined by spaces. */
    String text() {
      List<String> textWords =
          group == null ? words.subList(Math.min(1, words.size()), words.size()) : words;
      return String.join(" ", textWords);
    }

    @Override
    public Integer call() {
      if (group == null && words.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "Missing the recipient.");
      }
      if (text().isEmpty() && file == null) {
        throw new ParameterException(spec.commandLine(), "Missing the message text.");
      }
      if (file != null && !Files.isReadable(file)) {
        throw new ParameterException(spec.commandLine(), "Cannot read " + file + ".");
      }
      Cli.Session s = cli.session();
      ConversationView c = Targets.conversation(s.client(), recipient(), group);
      List<String> attachments =
          file == null
              ? List.of()
              : List.of(
                  s.client()
                      .uploadMedia(file, guessType(file), file.getFileName().toString())
                      .id());
      OutgoingMessage out =
          OutgoingMessage.text(c.id(), UUID.randomUUID().toString(), text())
              .withAttachments(attachments);
      if (replyTo != null) {
        Long seq = ChatInput.seq(replyTo);
        if (seq == null) {
          throw new ParameterException(spec.commandLine(), "Not a message number: " + replyTo);
        }
        out = out.withReplyTo(seq);
      }
      if (!mentions.isEmpty()) {
        List<String> ids = new ArrayList<>();
        mentions.forEach(u -> ids.add(Targets.user(s.client(), u).id()));
        out = out.withMentions(ids);
      }
      MessageView m = s.client().messages().post(out);
      ChatState state =
          new ChatState(s.userId(), c, new Names(s.client()), cli.clock())
              .withLookup(Targets.lookup(s.client(), c.id()));
      state.messages(List.of(m)).forEach(cli.out()::println);
      cli.out().flush();
      return 0;
    }
  }

  /** The type the file's name suggests, or null: the server reads the bytes anyway. */
  static String guessType(Path file) {
    try {
      return Files.probeContentType(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code history USERNAME|--group ID [--limit N]}: prints the newest messages. */
  @Command(name = "history", description = "Print the newest messages of a conversation.")
  static final class History implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Option(names = "--group", paramLabel = "ID", description = "The conversation id.")
    String group;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "How many messages, 1-200 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Parameters(arity = "0..1", paramLabel = "USERNAME", description = "The other user.")
    String username;

    @Override
    public Integer call() {
      Cli.Session s = cli.session();
      ConversationView c = Targets.conversation(s.client(), username, group);
      HistoryPage page = s.client().history(c.id(), null, null, limit);
      ChatState state =
          new ChatState(s.userId(), c, new Names(s.client()), cli.clock())
              .withLookup(Targets.lookup(s.client(), c.id()));
      PrintWriter out = cli.out();
      if (page.hasMore()) {
        out.println("… older messages not shown");
      }
      state.messages(page.messages()).forEach(out::println);
      out.flush();
      return 0;
    }
  }

  /**
   * {@code conversations}: one line per conversation with the caller's unread count (the server's
   * {@code unreadCount}), whether the caller muted or archived it, and its pinned messages.
   */
  @Command(name = "conversations", description = "List conversations, most recent first.")
  static final class Conversations implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Override
    public Integer call() {
      Cli.Session s = cli.session();
      Names names = new Names(s.client()).put(s.userId(), s.profile().username());
      PrintWriter out = cli.out();
      List<ConversationView> all = s.client().conversations();
      if (all.isEmpty()) {
        out.println("no conversations");
      }
      for (ConversationView c : all) {
        out.println(line(c, s.userId(), names));
      }
      out.flush();
      return 0;
    }

    private String line(ConversationView c, String me, Names names) {
      StringBuilder b = new StringBuilder();
      b.append(title(c, me, names)).append("  ").append(c.kind());
      b.append("  unread ").append(c.unreadCount()).append("  id ").append(c.id());
      if (c.isMuted(cli.clock().millis())) {
        b.append("  muted");
      }
      if (c.archived()) {
        b.append("  archived");
      }
      if (!c.pinned().isEmpty()) {
        b.append("  pinned ");
        b.append(String.join(",", c.pinned().stream().map(seq -> "#" + seq).toList()));
      }
      MessageView last = c.lastMessage();
      if (last != null) {
        String who = me.equals(last.senderId()) ? "me" : names.apply(last.senderId());
        String text =
            last.isSystem()
                ? "* " + Render.system(last, null, names)
                : last.isUpdate()
                    ? "* " + Render.change(last, id -> me.equals(id) ? "you" : names.apply(id))
                    : who + ": " + Render.current(last, me);
        b.append("  [").append(Render.when(last.ts(), cli.clock())).append("] ");
        b.append(Render.preview(text, 40));
      }
      return b.toString();
    }

    static String title(ConversationView c, String me, Names names) {
      if (c.isGroup()) {
        return c.name() == null ? "(group)" : c.name();
      }
      return c.members().stream()
          .map(MemberView::userId)
          .filter(id -> !id.equals(me))
          .findFirst()
          .map(names)
          .orElse("(just me)");
    }
  }
}
