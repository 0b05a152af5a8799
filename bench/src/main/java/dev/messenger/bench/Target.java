package dev.messenger.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every scenario shares: where the node is, its pid, where the JSON goes, concurrency. */
final class Target {
  @Option(names = "--host", description = "node address (default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "node HTTP/WebSocket port (default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(
      names = "--server-pid",
      description = "pid of the node, to read its RSS and CPU from /proc (default: none)")
  long serverPid;

  @Option(names = "--out", description = "also write the result as JSON to this file")
  Path out;

  @Option(
      names = "--register-concurrency",
      description = "users registered at once over HTTP (default ${DEFAULT-VALUE})")
  int registerConcurrency = 32;

  @Option(
      names = "--connect-concurrency",
      description = "WebSocket upgrades in flight at once (default ${DEFAULT-VALUE})")
  int connectConcurrency = 256;

  @Option(
      names = "--event-loops",
      description = "client event loops (default: 2 x cores, like Vert.x)")
  int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
}
