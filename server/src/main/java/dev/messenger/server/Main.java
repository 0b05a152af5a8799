package dev.messenger.server;

import dev.messenger.server.ops.OpsCommands;
import dev.messenger.server.settings.LogFormat;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.SettingsParser;

/**
 * {@code java -jar messenger-server.jar [--name=value ...]}: starts one node (PROTOCOL.md section
 * 1); {@code backup}, {@code restore} or {@code migrate} as the first argument runs that operator
 * command instead ({@link OpsCommands}). A node prints {@code listening on port N} when ready, and
 * shuts down cleanly on SIGTERM or SIGINT (sockets closed with 1001, queued writes committed). Exit
 * code 2 for bad settings, 1 if the node cannot start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && OpsCommands.NAMES.contains(args[0])) {
      System.exit(OpsCommands.run(System.getenv(), args, System.out, System.err));
      return;
    }
    Settings settings;
    try {
      settings = SettingsParser.parse(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("messenger-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (settings == null) {
      return;
    }
    // Before anything logs (parsing does not): pick the logback configuration.
    if (settings.node().logFormat() == LogFormat.JSON) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    MessengerNode node = new MessengerNode(settings);
    try {
      int port = node.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.close();
                    System.out.println("messenger: stopped");
                    System.out.flush();
                    // A clean shutdown on SIGTERM exits 0, not 143.
                    Runtime.getRuntime().halt(0);
                  },
                  "shutdown"));
      System.out.println("messenger: listening on port " + port);
      System.out.flush();
    } catch (Exception e) {
      System.err.println("messenger-server: cannot start: " + e.getMessage());
      node.close();
      System.exit(1);
    }
  }
}
