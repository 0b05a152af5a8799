package dev.messenger.client.cli;

import dev.messenger.client.ApiException;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.UserView;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The {@code register}, {@code login} and {@code logout} commands. Not thread-safe. */
final class AccountCommands {
  private AccountCommands() {}

  /** {@code register USERNAME [--password=PW] [--display-name=NAME]}. */
  @Command(name = "register", description = "Create an account.")
  static final class Register implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Parameters(paramLabel = "USERNAME", description = "3-32 of a-z 0-9 _ . -")
    String username;

    @Option(
        names = "--password",
        paramLabel = "PW",
        description = "Password (default: asked on the console, or the first line of input).")
    String password;

    @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown to others.")
    String displayName;

    @Override
    public Integer call() {
      String pw = Passwords.read(password, System.console(), cli.stdin());
      UserView u = cli.anonymous().register(username, pw, displayName);
      cli.out().println("registered " + u.username() + " (id " + u.id() + ")");
      return 0;
    }
  }

  /** {@code login USERNAME [--password=PW]}: stores the token in the profile. */
  @Command(name = "login", description = "Log in and remember the login in the profile.")
  static final class Login implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Parameters(paramLabel = "USERNAME")
    String username;

    @Option(
        names = "--password",
        paramLabel = "PW",
        description = "Password (default: asked on the console, or the first line of input).")
    String password;

    @Option(
        names = "--device-name",
        paramLabel = "NAME",
        defaultValue = "cli",
        description = "Name of this device (default: ${DEFAULT-VALUE}).")
    String deviceName;

    @Override
    public Integer call() {
      String pw = Passwords.read(password, System.console(), cli.stdin());
      Profile profile = cli.profile();
      String server = cli.serverUrl(profile);
      LoginResult r = new MessengerClient(URI.create(server)).login(username, pw, deviceName);
      profile.withLogin(server, username, r).save(cli.profilePath());
      cli.out()
          .println(
              "logged in as "
                  + username
                  + " (user "
                  + r.userId()
                  + ", device "
                  + r.deviceId()
                  + ")");
      return 0;
    }
  }

  /** {@code logout}: revokes the token and forgets it. */
  @Command(name = "logout", description = "Log out and forget the token.")
  static final class Logout implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Override
    public Integer call() {
      Cli.Session s = cli.session();
      try {
        s.client().logout();
      } catch (ApiException e) {
        if (e.status() != 401) {
          throw e;
        }
      }
      s.profile().withoutToken().save(cli.profilePath());
      cli.out().println("logged out");
      return 0;
    }
  }
}
