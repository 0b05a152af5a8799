package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.AdminClient;
import dev.messenger.client.Json;
import dev.messenger.client.LoginResult;
import dev.messenger.client.UserView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin ...}: the server API for the operator's backend (PROTOCOL.md section 8), with an
 * admin API key from {@code --key-file}, the environment variable {@value #KEY_ENV}, or {@code
 * --key} (visible to other users of the machine: prefer the others). The key is never printed. Not
 * thread-safe.
 */
@Command(
    name = "admin",
    description =
        "Operator commands with an admin API key (--key-file, or " + AdminCommand.KEY_ENV + ").",
    subcommands = {picocli.CommandLine.HelpCommand.class})
final class AdminCommand {
  static final String KEY_ENV = "MESSENGER_ADMIN_KEY";

  @ParentCommand Cli cli;

  @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the admin key.")
  Path keyFile;

  @Option(names = "--key", paramLabel = "KEY", description = "The admin key (prefer --key-file).")
  String key;

  private AdminClient admin() {
    String k = key;
    if (keyFile != null) {
      try {
        k = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + keyFile, e);
      }
    }
    if (k == null) {
      k = System.getenv(KEY_ENV);
    }
    if (k == null || k.isBlank()) {
      throw new CliException("no admin key: give --key-file or set " + KEY_ENV);
    }
    return new AdminClient(URI.create(cli.serverUrl(cli.profile())), k);
  }

  @Command(name = "create-user", description = "Create a user.")
  int createUser(
      @Parameters(paramLabel = "USERNAME") String username,
      @Option(names = "--display-name") String displayName,
      @Option(names = "--password") String password,
      @Option(names = "--external-id") String externalId) {
    UserView u = admin().createUser(username, displayName, password, externalId);
    cli.out().println("created " + u.username() + " " + u.id());
    return 0;
  }

  @Command(name = "find", description = "Find a user by external id.")
  int find(@Parameters(paramLabel = "EXTERNAL_ID") String externalId) {
    UserView u = admin().userByExternalId(externalId);
    cli.out().println(u.username() + " " + u.id());
    return 0;
  }

  @Command(name = "session", description = "Sign a user in; prints the new token.")
  int session(
      @Parameters(paramLabel = "USER_ID") String userId,
      @Option(names = "--device-name") String deviceName) {
    LoginResult r = admin().createSession(userId, deviceName);
    cli.out().println(r.token());
    return 0;
  }

  @Command(name = "suspend", description = "Suspend a user (its sockets close with 4003).")
  int suspend(@Parameters(paramLabel = "USER_ID") String userId) {
    admin().suspend(userId);
    cli.out().println("suspended " + userId);
    return 0;
  }

  @Command(name = "unsuspend", description = "Lift a suspension.")
  int unsuspend(@Parameters(paramLabel = "USER_ID") String userId) {
    admin().unsuspend(userId);
    cli.out().println("unsuspended " + userId);
    return 0;
  }

  @Command(name = "erase", description = "Erase a user's account (cannot be undone).")
  int erase(@Parameters(paramLabel = "USER_ID") String userId) {
    admin().eraseUser(userId);
    cli.out().println("erased " + userId);
    return 0;
  }

  @Command(name = "export", description = "Print everything held about a user, as JSON.")
  int export(@Parameters(paramLabel = "USER_ID") String userId) {
    cli.out().println(Json.write(admin().export(userId)));
    return 0;
  }

  @Command(name = "group", description = "Create a group for a creator and members (user ids).")
  int group(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1", paramLabel = "CREATOR_ID") String creatorId,
      @Parameters(index = "2..*", paramLabel = "MEMBER_ID") List<String> memberIds) {
    var g = admin().createGroup(name, creatorId, memberIds == null ? List.of() : memberIds);
    cli.out().println("created group " + g.id());
    return 0;
  }

  @Command(name = "stats", description = "Users, conversations, messages, connections.")
  int stats() {
    JsonNode s = admin().stats();
    cli.out()
        .printf(
            "users %d, conversations %d, messages %d, connections %d%n",
            s.path("users").asLong(),
            s.path("conversations").asLong(),
            s.path("messages").asLong(),
            s.path("connections").asLong());
    return 0;
  }
}
