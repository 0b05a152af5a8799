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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
      description = "Profile file (default: ~/.messenger/<NAME>.json).")
  Path profileFile;

  private InputStream in = System.in;
  private BufferedReader stdin;
  private Clock clock = Clock.systemDefaultZone();

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
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(Cli::handle);
    return cl;
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

  /** The profile file: {@code --profile}, or {@code ~/.messenger/<--as>.json}. */
  Path profilePath() {
    if (profileFile != null) {
      return profileFile;
    }
    return Path.of(System.getProperty("user.home"), ".messenger", profileName + ".json");
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
    String env = System.getenv(SERVER_ENV);
    return env != null && !env.isBlank() ? env : DEFAULT_SERVER;
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
