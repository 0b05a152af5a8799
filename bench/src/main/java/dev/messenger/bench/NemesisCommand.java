package dev.messenger.bench;

import dev.messenger.bench.nemesis.Nemesis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nemesis}: a cluster under a sustained mix of faults ({@link Nemesis}), then a check of
 * every history through the API. Prints a markdown summary; exit code 1 if any acknowledged message
 * is missing or misplaced, a history has a gap or a duplicate, two devices of a user disagree, a
 * connection saw messages out of order, a send gave up, or the cut-off node stayed ready.
 */
@Command(
    name = "nemesis",
    mixinStandardHelpOptions = true,
    description =
        "N nodes on PostgreSQL and NATS under kill -9, SIGSTOP, NATS/PostgreSQL restarts"
            + " and NATS cut-offs, then a history check")
final class NemesisCommand implements Callable<Integer> {
  @Option(names = "--nodes", description = "nodes (default ${DEFAULT-VALUE})")
  int nodes = 3;

  @Option(names = "--pairs", description = "1:1 pairs of users (default ${DEFAULT-VALUE})")
  int pairs = 20;

  @Option(names = "--groups", description = "groups of 5 of them (default ${DEFAULT-VALUE})")
  int groups = 4;

  @Option(names = "--rate", description = "total sends/s offered (default ${DEFAULT-VALUE})")
  double rate = 50;

  @Option(names = "--seconds", description = "seconds of faults (default ${DEFAULT-VALUE})")
  long seconds = 600;

  @Option(names = "--fault-gap", description = "seconds between faults (default ${DEFAULT-VALUE})")
  long faultGapSeconds = 8;

  @Option(
      names = "--postgres-url",
      description = "use this PostgreSQL (not restarted) instead of a private one")
  String postgresUrl;

  @Option(
      names = "--server-jar",
      description = "the server's shaded jar (default ${DEFAULT-VALUE})")
  Path serverJar = Path.of("server/target/messenger-server.jar");

  @Option(names = "--heartbeat-ms", description = "presence heartbeat (default ${DEFAULT-VALUE})")
  long heartbeatMillis = 500;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("nemesis");
    System.err.println("[bench] nemesis logs in " + dir);
    Nemesis.Result r =
        new Nemesis(
                new Nemesis.Config(
                    nodes,
                    pairs,
                    groups,
                    rate,
                    Duration.ofSeconds(seconds),
                    Duration.ofSeconds(faultGapSeconds),
                    postgresUrl,
                    serverJar.toAbsolutePath().toString(),
                    dir,
                    Duration.ofMillis(heartbeatMillis)))
            .run();
    System.out.println("environment: " + Report.environment() + "\n");
    System.out.println(r.markdown());
    return r.passed() ? 0 : 1;
  }
}
