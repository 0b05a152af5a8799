package dev.messenger.server.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a node listens, where it keeps its files, its worker pool and its log format. Immutable;
 * validated on construction.
 *
 * @param host address to listen on ({@link #HOST})
 * @param port HTTP and WebSocket port, 0 for a free one ({@link #PORT})
 * @param dataDir the embedded store, media files and VAPID key pair ({@link #DATA_DIR})
 * @param workerThreads threads for store reads and password hashing ({@link #WORKER_THREADS})
 * @param workerQueue tasks waiting for a worker thread; more are answered {@code unavailable}
 *     ({@link #WORKER_QUEUE})
 * @param logFormat how log lines look ({@link #LOG_FORMAT})
 */
public record NodeSettings(
    String host, int port, Path dataDir, int workerThreads, int workerQueue, LogFormat logFormat) {

  public static final Setting<String> HOST =
      Setting.text("host", "0.0.0.0", s -> s.node().host(), "address to listen on");

  public static final Setting<Integer> PORT =
      Setting.integer(
          "port",
          8080,
          0,
          65535,
          s -> s.node().port(),
          "HTTP and WebSocket port; 0 picks a free port");

  public static final Setting<Path> DATA_DIR =
      Setting.path(
              "data-dir",
              Path.of("data"),
              s -> s.node().dataDir(),
              "the SQLite store (`messenger.db`, WAL), media files (`media/`, `thumbs/`), uploads in"
                  + " progress (`tmp/`) and the VAPID key pair (`vapid.properties`)")
          .documentDefault("`./data`");

  public static final Setting<Integer> WORKER_QUEUE =
      Setting.integer(
          "worker-queue",
          10_000,
          1,
          10_000_000,
          s -> s.node().workerQueue(),
          "tasks waiting for a worker thread; beyond it requests get unavailable (503)");

  public static final Setting<Integer> WORKER_THREADS =
      Setting.integer(
          "worker-threads",
          16,
          1,
          1024,
          s -> s.node().workerThreads(),
          "threads for store reads and password hashing");

  public static final Setting<LogFormat> LOG_FORMAT =
      Setting.choice(
          "log-format",
          LogFormat.TEXT,
          s -> s.node().logFormat(),
          "logs on standard error: `text`, or `json` (one JSON object per line)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(HOST, PORT, DATA_DIR, WORKER_THREADS, WORKER_QUEUE, LOG_FORMAT);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public NodeSettings {
    HOST.check(host);
    PORT.check(port);
    DATA_DIR.check(dataDir);
    WORKER_THREADS.check(workerThreads);
    WORKER_QUEUE.check(workerQueue);
    LOG_FORMAT.check(logFormat);
  }

  static NodeSettings from(Settings.Builder b) {
    return new NodeSettings(
        b.get(HOST),
        b.get(PORT),
        b.get(DATA_DIR),
        b.get(WORKER_THREADS),
        b.get(WORKER_QUEUE),
        b.get(LOG_FORMAT));
  }
}
