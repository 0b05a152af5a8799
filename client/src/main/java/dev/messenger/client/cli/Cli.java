package dev.messenger.client.cli;

import dev.messenger.client.ApiException;
import dev.messenger.client.MessengerClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: global options, the logged-in profile, and the streams the subcommands use.
 *
 * <p>Exit codes: 0 success, 1 an error answered by the server or a problem the user can fix
 * (printed as one {@code error:} line on standard error), 2 bad usage.
 *
 * <p>Not thread-safe: one instance serves one command line.
 */
@Command(
    name = "messenger",
    mixinStandardHelpOptions = true,
    version = "messenger-client 0.1.0",
    description = "Command-line client for a Messenger server.",
    subcommands = {
      CommandLine.HelpCommand.class,
      AccountCommands.Register.class,
      AccountCommands.Login.class,
      AccountCommands.Logout.class,
      MessageCommands.Send.class,
      MessageCommands.History.class,
      MessageCommands.Conversations.class,
      SearchCommand.class,
      ChangeCommands.Edit.class,
      ChangeCommands.Delete.class,
      ChangeCommands.React.class,
      ChangeCommands.Unreact.class,
      ChangeCommands.Pin.class,
      ChangeCommands.Unpin.class,
      ChangeCommands.Forward.class,
      ChangeCommands.ReadBy.class,
      ChatSettingsCommands.Mute.class,
      ChatSettingsCommands.Unmute.class,
      ChatSettingsCommands.Archive.class,
      ChatSettingsCommands.Unarchive.class,
      ChatSettingsCommands.Clear.class,
      ContactsCommand.class,
      GroupCommand.class,
      ChatCommand.class,
      AccountSettingsCommands.Devices.class,
      AccountSettingsCommands.Block.class,
      AccountSettingsCommands.ProfileCommand.class,
      AdminCommand.class
    })
public final class Cli implements Runnable {
  /** The server used when neither {@code --server}, the profile nor the environment names one. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  /** Environment variable naming the server, below {@code --server} and the profile. */
  public static final String SERVER_ENV = "MESSENGER_SERVER";

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Server base URL (default: the profile's, then $MESSENGER_SERVER, then "
              + DEFAULT_SERVER
              + ").")
  String server;

  @Option(
      names = "--as",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Profile name; each profile keeps its own login (default: ${DEFAULT-VALUE}).")
  String profileName;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Profile file (default: $XDG_CONFIG_HOME/messenger/<NAME>.json when XDG_CONFIG_HOME is"
              + " set, else $HOME/.messenger/<NAME>.json).")
  Path profileFile;

  private InputStream in = System.in;
  private BufferedReader stdin;
  private Clock clock = Clock.systemDefaultZone();
  private Map<String, String> env = System.getenv();
  private Boolean keys;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(new Cli()).execute(args));
  }

  /**
   * A {@link CommandLine} for {@code cli} writing UTF-8 to standard output and error (auto-flush)
   * and mapping failures to exit codes as the class documents.
   */
  public static CommandLine commandLine(Cli cli) {
    CommandLine cl = new CommandLine(cli);
    addHelp(cl);
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(Cli::handle);
    return cl;
  }

  /**
   * Gives every subcommand (at any depth) {@code -h}/{@code --help}, so that {@code chat --help}
   * prints its usage instead of "Unknown option". The root has it from {@code
   * mixinStandardHelpOptions}; {@code -V} stays on the root only.
   */
  private static void addHelp(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption("--help") == null && !(sub.getCommand() instanceof HelpCommand)) {
        spec.addOption(
            OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
      }
      addHelp(sub);
    }
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ApiException) {
      ApiException a = (ApiException) e;
      err.println("error: " + a.code() + " (" + a.status() + "): " + a.errorMessage());
    } else if (e instanceof CliException) {
      err.println("error: " + e.getMessage());
    } else if (e instanceof UncheckedIOException) {
      err.println("error: " + e.getMessage());
    } else {
      err.println("error: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** Uses {@code in} instead of standard input (tests). */
  public Cli withInput(InputStream in) {
    this.in = in;
    this.stdin = null;
    return this;
  }

  /** Reads environment variables ({@code HOME}, {@code XDG_CONFIG_HOME}, ...) from {@code env}. */
  public Cli withEnv(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /**
   * Makes {@code chat} read keys as they are typed ({@code true}) or whole lines ({@code false})
   * from the input given, without touching any terminal (tests). By default keys are read when
   * {@code System.console()} is not null, after putting the terminal in non-canonical mode.
   */
  public Cli withKeys(boolean keys) {
    this.keys = keys;
    return this;
  }

  /** True when {@code chat} reads keys as typed; see {@link #withKeys}. */
  boolean keys() {
    return keys != null ? keys : System.console() != null;
  }

  /** True when {@code chat} should set the terminal's mode itself (no {@link #withKeys}). */
  boolean ownsTerminal() {
    return keys == null && System.console() != null;
  }

  /** Uses {@code clock} for times printed (tests). */
  public Cli withClock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** The clock whose zone times are printed in. */
  Clock clock() {
    return clock;
  }

  /** Standard output of the command line. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of the command line. */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Standard input, as one shared UTF-8 reader. */
  synchronized BufferedReader stdin() {
    if (stdin == null) {
      stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return stdin;
  }

  /**
   * The profile file: {@code --profile}; else {@code $XDG_CONFIG_HOME/messenger/<--as>.json} when
   * that variable is set; else {@code $HOME/.messenger/<--as>.json}, falling back to the JVM's
   * {@code user.home} only when {@code HOME} is unset (the JVM reads the home directory from the
   * password database, not from {@code $HOME}).
   */
  Path profilePath() {
    if (profileFile != null) {
      return profileFile;
    }
    String file = profileName + ".json";
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "messenger", file);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".messenger", file);
  }

  /** The stored profile (empty if none). */
  Profile profile() {
    return Profile.load(profilePath());
  }

  /** The server to talk to: {@code --server}, the profile's, the environment's, the default. */
  String serverUrl(Profile profile) {
    if (server != null) {
      return server;
    }
    if (profile.server() != null) {
      return profile.server();
    }
    String fromEnv = env.get(SERVER_ENV);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_SERVER;
  }

  /** A client without token for the server in use. */
  MessengerClient anonymous() {
    return new MessengerClient(URI.create(serverUrl(profile())));
  }

  /**
   * The stored login and a client carrying its token.
   *
   * @throws CliException when this profile is not logged in
   */
  Session session() {
    Profile p = profile();
    if (!p.loggedIn()) {
      throw new CliException(
          "not logged in as profile '"
              + profileName
              + "'; run: login USERNAME --as "
              + profileName);
    }
    return new Session(new MessengerClient(URI.create(serverUrl(p))).withToken(p.token()), p);
  }

  /** A logged-in profile and a client with its token. */
  record Session(MessengerClient client, Profile profile) {
    String userId() {
      return profile.userId();
    }
  }
}
