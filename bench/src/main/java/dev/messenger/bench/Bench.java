package dev.messenger.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code messenger-bench} CLI: one subcommand per scenario, each driving a running node over
 * the real protocol and printing a markdown table (and JSON with {@code --out}).
 */
@Command(
    name = "messenger-bench",
    mixinStandardHelpOptions = true,
    description = "Load scenarios against a running Messenger node.",
    subcommands = {
      IdleCommand.class,
      SteadyCommand.class,
      MixCommand.class,
      SaturationCommand.class,
      FanoutCommand.class,
      ConnectStormCommand.class,
      SoakCommand.class,
      PrefillCommand.class,
      HistoryCommand.class,
      SearchCommand.class,
      ClusterModelCommand.class,
      NemesisCommand.class,
      WebhooksCommand.class
    })
public final class Bench implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs the CLI and answers its exit code (0 success, 1 a scenario failed, 2 bad usage). */
  public static int execute(String... args) {
    return new CommandLine(new Bench()).execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
