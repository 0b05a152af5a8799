package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.SearchApi;
import dev.messenger.client.SearchPage;
import dev.messenger.client.SearchResultView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code search TEXT... [--in CONVERSATION] [--limit N] [--before CURSOR]}: searches the caller's
 * messages (PROTOCOL.md section 7) and prints one line per result, newest first: {@code [time]
 * conversation #seq sender: snippet}. When more results exist it prints the command that shows the
 * next page ({@code --before} with the server's opaque cursor). Not thread-safe.
 */
@Command(name = "search", description = "Search your messages (whole words, prefix on the last).")
final class SearchCommand implements Callable<Integer> {
  /** Longest snippet printed, in code points (the server sends up to 200). */
  static final int SNIPPET_CHARS = 120;

  @ParentCommand Cli cli;

  @Option(
      names = "--in",
      paramLabel = "CONVERSATION",
      description = "Only this conversation: a username (direct chat) or a conversation id.")
  String in;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "How many results per page, 1-100 (default: the server's).")
  Integer limit;

  @Option(
      names = "--before",
      paramLabel = "CURSOR",
      description = "The next page: the cursor printed after the previous one.")
  String before;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The words to look for.")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    Cli.Session s = cli.session();
    String query = String.join(" ", words);
    String conversationId = in == null ? null : Targets.conversation(s.client(), in, null).id();
    SearchApi api = s.client().search();
    SearchPage page = api.search(query, conversationId, limit, before);
    PrintWriter out = cli.out();
    if (page.results().isEmpty()) {
      out.println(before == null ? "no messages match" : "no more messages match");
    }
    Names names = new Names(s.client()).put(s.userId(), s.profile().username());
    Map<String, String> titles = new HashMap<>();
    for (SearchResultView r : page.results()) {
      String title = titles.computeIfAbsent(r.conversationId(), id -> title(s, id, names));
      String who = s.userId().equals(r.senderId()) ? "me" : names.apply(r.senderId());
      out.println(
          "["
              + Render.when(r.ts(), cli.clock())
              + "] "
              + title
              + " #"
              + r.seq()
              + " "
              + who
              + ": "
              + Render.preview(r.snippet(), SNIPPET_CHARS));
    }
    if (page.hasMore()) {
      out.println("more: " + nextCommand(query, page.next()));
    }
    out.flush();
    return 0;
  }

  private String nextCommand(String query, String next) {
    StringBuilder b = new StringBuilder("messenger search ").append(quote(query));
    if (in != null) {
      b.append(" --in ").append(quote(in));
    }
    if (limit != null) {
      b.append(" --limit ").append(limit);
    }
    return b.append(" --before ").append(quote(next)).toString();
  }

  private static String quote(String arg) {
    return arg.matches("[A-Za-z0-9_.:=/+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  private static String title(Cli.Session s, String conversationId, Names names) {
    try {
      ConversationView c = s.client().conversation(conversationId);
      return MessageCommands.Conversations.title(c, s.userId(), names);
    } catch (RuntimeException e) {
      return conversationId;
    }
  }
}
