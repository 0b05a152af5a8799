package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code -h} with its usage (issue 19). */
class CliHelpTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(new Cli());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  /** Paths of every command below the root, e.g. ["chat"], ["group", "add"]. */
  private static List<List<String>> commands(CommandLine cl, List<String> path) {
    List<List<String>> all = new ArrayList<>();
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              all.add(p);
              all.addAll(commands(sub, p));
            });
    return all;
  }

  @Test
  void everyCommand_answersHelp_withItsUsage() {
    List<List<String>> all = commands(Cli.commandLine(new Cli()), List.of());
    assertThat(all).extracting(p -> String.join(" ", p)).contains("chat", "send", "group");
    for (List<String> path : all) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(args + ": " + r.err()).isZero();
        assertThat(r.err()).as(String.join(" ", args)).doesNotContain("Unknown option");
        assertThat(r.out())
            .as(String.join(" ", args))
            .contains("Usage: messenger " + String.join(" ", path));
      }
    }
  }

  @Test
  void chatHelp_listsTheChatCommands() {
    Run r = run("chat", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("/reply N TEXT").contains("--group=ID").contains("-h, --help");
  }
}
