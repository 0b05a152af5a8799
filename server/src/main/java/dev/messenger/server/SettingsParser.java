package dev.messenger.server;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reads {@link Settings} (PROTOCOL.md section 1): defaults, then a properties file given by {@code
 * --config=FILE} ({@code name=value} lines, names as on the command line without dashes), then
 * {@code --name=value} arguments. Not thread-safe; use once.
 */
@Command(
    name = "messenger-server",
    mixinStandardHelpOptions = true,
    description = "Runs one Messenger node.")
public final class SettingsParser implements Callable<Settings> {
  private static final Settings D = Settings.defaults();

  @Option(names = "--config", description = "properties file with settings")
  File config;

  @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host = D.host();

  @Option(names = "--port", description = "HTTP and WebSocket port; 0 picks a free one")
  int port = D.port();

  @Option(names = "--data-dir", description = "where the embedded store and media live")
  Path dataDir = D.dataDir();

  @Option(names = "--max-message-chars", description = "longest text body, in code points")
  int maxMessageChars = D.maxMessageChars();

  @Option(names = "--max-group-size", description = "most members of a group, creator included")
  int maxGroupSize = D.maxGroupSize();

  @Option(
      names = "--presence-grace",
      converter = DurationConverter.class,
      description = "time before a user whose last device left is offline, e.g. 5s")
  Duration presenceGrace = D.presenceGrace();

  @Option(
      names = "--idle-timeout",
      converter = DurationConverter.class,
      description = "a silent connection is closed after this, e.g. 60s")
  Duration idleTimeout = D.idleTimeout();

  @Option(names = "--argon2-memory-kib", description = "Argon2id memory cost in KiB")
  int argon2MemoryKib = D.argon2MemoryKib();

  @Option(names = "--argon2-iterations", description = "Argon2id time cost")
  int argon2Iterations = D.argon2Iterations();

  @Option(names = "--max-batch", description = "most writes in one group commit")
  int maxBatch = D.maxBatch();

  @Option(names = "--max-outbound-bytes", description = "outbound queue limit per connection")
  int maxOutboundBytes = D.maxOutboundBytes();

  @Option(names = "--worker-threads", description = "threads for store reads and hashing")
  int workerThreads = D.workerThreads();

  @Option(names = "--store", description = "sqlite (default) or postgres")
  String store = D.store();

  @Option(names = "--postgres-url", description = "JDBC URL of PostgreSQL")
  String postgresUrl = D.postgresUrl();

  @Option(names = "--postgres-user", description = "PostgreSQL user")
  String postgresUser = D.postgresUser();

  @Option(names = "--postgres-password", description = "PostgreSQL password")
  String postgresPassword = D.postgresPassword();

  @Option(names = "--bus", description = "local (default) or nats")
  String bus = D.bus();

  @Option(names = "--nats-url", description = "NATS server URL")
  String natsUrl = D.natsUrl();

  @Option(names = "--node-id", description = "this node's id in a cluster (default: random)")
  String nodeId = D.nodeId();

  @Option(
      names = "--presence-heartbeat",
      converter = DurationConverter.class,
      description = "how often a clustered node refreshes its presence, e.g. 2s")
  Duration presenceHeartbeat = D.presenceHeartbeat();

  @Override
  public Settings call() {
    return new Settings(
        host,
        port,
        dataDir,
        maxMessageChars,
        maxGroupSize,
        presenceGrace,
        idleTimeout,
        argon2MemoryKib,
        argon2Iterations,
        maxBatch,
        maxOutboundBytes,
        workerThreads,
        store,
        postgresUrl,
        postgresUser,
        postgresPassword,
        bus,
        natsUrl,
        nodeId,
        presenceHeartbeat);
  }

  /**
   * Parses the arguments. Returns null when help or the version was printed instead.
   *
   * @throws IllegalArgumentException for an unknown setting or a bad value
   */
  public static Settings parse(String... args) {
    SettingsParser p = new SettingsParser();
    CommandLine cl = new CommandLine(p);
    File configFile = findConfig(args);
    if (configFile != null) {
      cl.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(configFile));
    }
    try {
      CommandLine.ParseResult r = cl.parseArgs(args);
      if (CommandLine.printHelpIfRequested(r)) {
        return null;
      }
      return p.call();
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static File findConfig(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--config=")) {
        return new File(args[i].substring("--config=".length()));
      }
      if (args[i].equals("--config") && i + 1 < args.length) {
        return new File(args[i + 1]);
      }
    }
    return null;
  }

  /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT5S}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SIMPLE.matcher(value.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.trim());
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("not a duration: " + value);
      }
    }
  }
}
