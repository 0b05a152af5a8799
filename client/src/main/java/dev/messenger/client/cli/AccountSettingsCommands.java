package dev.messenger.client.cli;

import dev.messenger.client.AccountClient;
import dev.messenger.client.DeviceView;
import dev.messenger.client.UserView;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The logged-in user's own account (PROTOCOL.md sections 6 and 8): {@code devices}, {@code block}
 * and {@code profile}. Not thread-safe.
 */
final class AccountSettingsCommands {
  private AccountSettingsCommands() {}

  /** {@code devices [list]} and {@code devices revoke DEVICE_ID}. */
  @Command(
      name = "devices",
      description = "List the logged-in devices (alone), or log one out.",
      subcommands = {picocli.CommandLine.HelpCommand.class})
  static final class Devices implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Override
    public Integer call() {
      return list();
    }

    @Command(name = "list", description = "List the logged-in devices.")
    int list() {
      Cli.Session s = cli.session();
      List<DeviceView> devices = new AccountClient(s.client()).devices();
      PrintWriter out = cli.out();
      for (DeviceView d : devices) {
        StringBuilder b = new StringBuilder(d.id());
        b.append("  ").append(d.name() == null ? "(no name)" : d.name());
        b.append("  last active ").append(Render.when(d.lastActiveAt(), cli.clock()));
        if (d.pushType() != null) {
          b.append("  push ").append(d.pushType());
        }
        if (d.current()) {
          b.append("  (this device)");
        }
        out.println(b);
      }
      out.flush();
      return 0;
    }

    @Command(name = "revoke", description = "Log a device out (its sockets close).")
    int revoke(@Parameters(paramLabel = "DEVICE_ID") String deviceId) {
      Cli.Session s = cli.session();
      new AccountClient(s.client()).revokeDevice(deviceId);
      cli.out().println("logged out device " + deviceId);
      return 0;
    }
  }

  /** {@code block [list]}, {@code block add USERNAME}, {@code block remove USERNAME}. */
  @Command(
      name = "block",
      description = "Block or unblock a user, or list the blocked (alone).",
      subcommands = {picocli.CommandLine.HelpCommand.class})
  static final class Block implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Override
    public Integer call() {
      return list();
    }

    @Command(name = "add", description = "Block a user: no direct chat, presence or typing.")
    int add(@Parameters(paramLabel = "USERNAME") String username) {
      Cli.Session s = cli.session();
      UserView u = Targets.user(s.client(), username);
      new AccountClient(s.client()).block(u.id());
      cli.out().println("blocked " + u.username());
      return 0;
    }

    @Command(name = "remove", description = "Lift a block.")
    int remove(@Parameters(paramLabel = "USERNAME") String username) {
      Cli.Session s = cli.session();
      UserView u = Targets.user(s.client(), username);
      new AccountClient(s.client()).unblock(u.id());
      cli.out().println("unblocked " + u.username());
      return 0;
    }

    @Command(name = "list", description = "List the blocked users.")
    int list() {
      Cli.Session s = cli.session();
      List<UserView> blocked = new AccountClient(s.client()).blocks();
      PrintWriter out = cli.out();
      if (blocked.isEmpty()) {
        out.println("nobody is blocked");
      }
      blocked.forEach(u -> out.println(u.username()));
      out.flush();
      return 0;
    }
  }

  /** {@code profile [--name=NAME] [--avatar=FILE | --no-avatar]}: shows it after any change. */
  @Command(name = "profile", description = "Show the profile, or change the name and avatar.")
  static final class ProfileCommand implements Callable<Integer> {
    @ParentCommand Cli cli;

    @Option(names = "--name", paramLabel = "NAME", description = "New display name.")
    String name;

    @Option(names = "--avatar", paramLabel = "FILE", description = "An image to upload as avatar.")
    Path avatar;

    @Option(names = "--no-avatar", description = "Remove the avatar.")
    boolean noAvatar;

    @Override
    public Integer call() throws Exception {
      if (avatar != null && noAvatar) {
        throw new CliException("give --avatar or --no-avatar, not both");
      }
      Cli.Session s = cli.session();
      AccountClient account = new AccountClient(s.client());
      UserView me;
      if (name == null && avatar == null && !noAvatar) {
        me = account.me();
      } else {
        String mediaId = null;
        if (avatar != null) {
          String type = Files.probeContentType(avatar);
          if (type == null) {
            String n = avatar.getFileName().toString().toLowerCase(Locale.ROOT);
            type = n.endsWith(".png") ? "image/png" : "image/jpeg";
          }
          mediaId = s.client().uploadMedia(avatar, type).id();
        }
        me = account.updateProfile(name, avatar != null || noAvatar, mediaId);
      }
      PrintWriter out = cli.out();
      out.println(me.username() + " (" + me.displayName() + ")");
      out.println("avatar: " + (me.avatar() == null ? "none" : me.avatar()));
      out.flush();
      return 0;
    }
  }
}
