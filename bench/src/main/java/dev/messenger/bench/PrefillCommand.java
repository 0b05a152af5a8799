package dev.messenger.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prefill}: writes users, direct conversations and messages straight into a fresh SQLite
 * store with JDBC ({@link Prefill}), before a node is started on the same {@code --data-dir}. The
 * {@code history} scenario then logs in as those users. No node may run on the directory.
 */
@Command(
    name = "prefill",
    mixinStandardHelpOptions = true,
    description = "Bulk-load a fresh SQLite store (no node running) for the history scenario")
final class PrefillCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "the node's data directory")
  Path dataDir;

  @Option(names = "--prefix", description = "username prefix (default ${DEFAULT-VALUE})")
  String prefix = HistoryCommand.DEFAULT_PREFIX;

  @Option(names = "--users", description = "users (default ${DEFAULT-VALUE})")
  int users = 2000;

  @Option(
      names = "--conversations",
      description = "direct conversations (default ${DEFAULT-VALUE})")
  int conversations = 10_000;

  @Option(names = "--messages", description = "messages in total (default ${DEFAULT-VALUE})")
  long messages = 10_000_000;

  @Option(
      names = "--body-chars",
      description = "characters per message body (default ${DEFAULT-VALUE})")
  int bodyChars = 80;

  @Option(
      names = "--argon2-memory-kib",
      description = "Argon2id memory cost of the users' password hash (default ${DEFAULT-VALUE})")
  int argon2MemoryKib = 1024;

  @Option(
      names = "--batch",
      description = "messages per committed transaction (default ${DEFAULT-VALUE})")
  int messagesPerTransaction = 200_000;

  @Option(names = "--out", description = "also write the result as JSON to this file")
  Path out;

  @Override
  public Integer call() throws Exception {
    Prefill.Plan plan =
        new Prefill.Plan(
            dataDir,
            prefix,
            users,
            conversations,
            messages,
            bodyChars,
            argon2MemoryKib,
            messagesPerTransaction);
    Prefill.Result r = Prefill.run(plan);
    Report report =
        new Report("prefill")
            .param("dataDir", dataDir.toString())
            .param("prefix", prefix)
            .param("users", users)
            .param("conversations", conversations)
            .param("messages", messages)
            .param("bodyChars", bodyChars)
            .param("messagesPerTransaction", messagesPerTransaction);
    var row = report.row();
    row.put("seconds", Report.round2(r.seconds()));
    row.put("messagesPerSecond", r.messagesPerSecond());
    row.put("databaseMib", Report.round2(r.databaseBytes() / (1024.0 * 1024)));
    System.out.println(report.markdown());
    if (out != null) {
      report.write(out);
      System.out.println("wrote " + out);
    }
    return 0;
  }
}
