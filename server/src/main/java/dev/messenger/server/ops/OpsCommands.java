package dev.messenger.server.ops;

import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.SettingsParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's subcommands of {@code java -jar messenger-server.jar}: {@code backup}, {@code
 * restore} and {@code migrate}. Each prints one summary line on standard output and returns an exit
 * code: 0 done, 1 failed (the message says why, without a stack trace), 2 bad arguments. Stateless.
 */
public final class OpsCommands {
  /** The subcommand names; any other first argument starts a node. */
  public static final Set<String> NAMES = Set.of("backup", "restore", "migrate");

  private OpsCommands() {}

  /**
   * Runs {@code args[0]} with the rest of {@code args}.
   *
   * @param env the environment, for {@code migrate}'s settings ({@code MESSENGER_POSTGRES_URL} ...)
   */
  public static int run(Map<String, String> env, String[] args, PrintStream out, PrintStream err) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "backup" -> picocli(new BackupCommand(out), rest, out, err);
        case "restore" -> picocli(new RestoreCommand(out), rest, out, err);
        case "migrate" -> migrate(env, rest, out, err);
        default -> throw new IllegalArgumentException("no command " + args[0]);
      };
    } catch (IllegalArgumentException e) {
      err.println("messenger-server " + args[0] + ": " + e.getMessage());
      return 2;
    }
  }

  private static int migrate(
      Map<String, String> env, String[] args, PrintStream out, PrintStream err) {
    Settings settings = SettingsParser.parse(env, args);
    if (settings == null) {
      return 0;
    }
    try {
      Migrate.Summary s = new Migrate(settings, out).run();
      out.println(
          "migrate: done, "
              + s.rows()
              + " rows in "
              + s.tables()
              + " tables, "
              + s.conversations()
              + " conversations checked (lastSeq and content checksum), "
              + s.mediaCopied()
              + " media objects copied");
      return 0;
    } catch (Exception e) {
      err.println("messenger-server migrate: " + e.getMessage());
      return 1;
    }
  }

  private static int picocli(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr()
              .println("messenger-server " + line.getCommandName() + ": " + e.getMessage());
          return 1;
        });
    return cl.execute(args);
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description =
          "Copies a data dir (store, media, VAPID keys) into one file, consistently, while the"
              + " node runs.")
  static final class BackupCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
        names = "--data-dir",
        required = true,
        paramLabel = "DIR",
        description = "the node's data dir")
    Path dataDir;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "FILE",
        description = "the backup file to write (must not exist)")
    Path to;

    BackupCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() throws IOException {
      Backup.Summary s = Backup.run(dataDir, to);
      out.println(
          "backup: "
              + to
              + ": "
              + s.messages()
              + " messages in "
              + s.conversations()
              + " conversations, "
              + s.users()
              + " users, "
              + s.files()
              + " files, "
              + s.bytes()
              + " bytes");
      return 0;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Makes a new data dir from a backup file; never overwrites a data dir.")
  static final class RestoreCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "the backup file")
    Path from;

    @Option(
        names = "--data-dir",
        required = true,
        paramLabel = "NEWDIR",
        description = "the new data dir (must not exist, or be empty)")
    Path dataDir;

    RestoreCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() throws IOException {
      Restore.Summary s = Restore.run(from, dataDir);
      out.println(
          "restore: "
              + dataDir
              + ": "
              + s.messages()
              + " messages in "
              + s.conversations()
              + " conversations, "
              + s.users()
              + " users, "
              + s.files()
              + " files, checked against SHA256SUMS");
      return 0;
    }
  }
}
