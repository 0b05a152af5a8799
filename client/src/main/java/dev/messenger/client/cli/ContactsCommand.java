package dev.messenger.client.cli;

import dev.messenger.client.ContactView;
import dev.messenger.client.PresenceView;
import dev.messenger.client.UserView;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code contacts add|remove|list}; {@code contacts} alone lists. Not thread-safe. */
@Command(
    name = "contacts",
    description = "Manage the contact list (alone: list it).",
    subcommands = {picocli.CommandLine.HelpCommand.class})
final class ContactsCommand implements Callable<Integer> {
  @ParentCommand Cli cli;

  @Override
  public Integer call() {
    return list();
  }

  @Command(name = "add", description = "Add a user to the contacts.")
  int add(@Parameters(paramLabel = "USERNAME") String username) {
    Cli.Session s = cli.session();
    UserView u = Targets.user(s.client(), username);
    s.client().addContact(u.id());
    cli.out().println("added " + u.username() + " to contacts");
    return 0;
  }

  @Command(name = "remove", description = "Remove a user from the contacts.")
  int remove(@Parameters(paramLabel = "USERNAME") String username) {
    Cli.Session s = cli.session();
    UserView u = Targets.user(s.client(), username);
    s.client().removeContact(u.id());
    cli.out().println("removed " + u.username() + " from contacts");
    return 0;
  }

  @Command(name = "list", description = "List the contacts with their presence.")
  int list() {
    Cli.Session s = cli.session();
    List<ContactView> contacts = s.client().contacts();
    PrintWriter out = cli.out();
    if (contacts.isEmpty()) {
      out.println("no contacts");
    }
    for (ContactView c : contacts) {
      StringBuilder b = new StringBuilder(c.username());
      if (c.displayName() != null && !c.displayName().equals(c.username())) {
        b.append(" (").append(c.displayName()).append(")");
      }
      PresenceView p = c.presence();
      if (p == null) {
        b.append("  presence hidden");
      } else if (p.online()) {
        b.append("  online");
      } else {
        b.append("  offline");
        if (p.lastSeen() > 0) {
          b.append(", last seen ").append(Render.when(p.lastSeen(), cli.clock()));
        }
      }
      out.println(b);
    }
    out.flush();
    return 0;
  }
}
