package dev.messenger.client.cli;

import dev.messenger.client.ConversationView;
import dev.messenger.client.UserView;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code group create|add|remove|leave|rename}. Not thread-safe. */
@Command(
    name = "group",
    description = "Create and manage groups.",
    subcommands = {picocli.CommandLine.HelpCommand.class})
final class GroupCommand implements Runnable {
  @ParentCommand Cli cli;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
  }

  @Command(name = "create", description = "Create a group with you as admin.")
  int create(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USERNAME") List<String> usernames) {
    Cli.Session s = cli.session();
    List<String> ids = new ArrayList<>();
    for (String u : usernames) {
      ids.add(Targets.user(s.client(), u).id());
    }
    ConversationView c = s.client().createGroup(name, ids);
    cli.out()
        .println(
            "created group " + name + " (id " + c.id() + ", " + c.members().size() + " members)");
    return 0;
  }

  @Command(name = "add", description = "Add a member (admins only).")
  int add(
      @Parameters(index = "0", paramLabel = "GROUP_ID") String groupId,
      @Parameters(index = "1", paramLabel = "USERNAME") String username) {
    Cli.Session s = cli.session();
    UserView u = Targets.user(s.client(), username);
    s.client().addMember(groupId, u.id());
    cli.out().println("added " + u.username() + " to " + groupId);
    return 0;
  }

  @Command(name = "remove", description = "Remove a member (admins only).")
  int remove(
      @Parameters(index = "0", paramLabel = "GROUP_ID") String groupId,
      @Parameters(index = "1", paramLabel = "USERNAME") String username) {
    Cli.Session s = cli.session();
    UserView u = Targets.user(s.client(), username);
    s.client().removeMember(groupId, u.id());
    cli.out().println("removed " + u.username() + " from " + groupId);
    return 0;
  }

  @Command(name = "leave", description = "Leave a group.")
  int leave(@Parameters(paramLabel = "GROUP_ID") String groupId) {
    Cli.Session s = cli.session();
    s.client().removeMember(groupId, s.userId());
    cli.out().println("left " + groupId);
    return 0;
  }

  @Command(name = "rename", description = "Rename a group (admins only).")
  int rename(
      @Parameters(index = "0", paramLabel = "GROUP_ID") String groupId,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME") List<String> name) {
    Cli.Session s = cli.session();
    ConversationView c = s.client().rename(groupId, String.join(" ", name));
    cli.out().println("renamed " + groupId + " to " + c.name());
    return 0;
  }
}
