package dev.messenger.server;

import dev.messenger.server.limits.Limits;
import dev.messenger.server.media.MediaSettings;
import dev.messenger.server.push.PushSettings;
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

  @Option(names = "--rate-sends", description = "send frames per device per second (0: no limit)")
  int rateSends = D.limits().sendsPerSecond();

  @Option(names = "--rate-frames", description = "frames per connection per second (0: no limit)")
  int rateFrames = D.limits().framesPerSecond();

  @Option(names = "--rate-logins-ip", description = "logins per IP address per minute")
  int rateLoginsIp = D.limits().loginsPerMinutePerIp();

  @Option(names = "--rate-logins-user", description = "logins per username per minute")
  int rateLoginsUser = D.limits().loginsPerMinutePerUsername();

  @Option(names = "--rate-registrations-ip", description = "registrations per IP per minute")
  int rateRegistrationsIp = D.limits().registrationsPerMinutePerIp();

  @Option(names = "--abuse-strikes", description = "rate-limited frames in 10 s before 4008")
  int abuseStrikes = D.limits().abuseStrikes();

  @Option(names = "--max-devices-per-user", description = "logged-in devices per user")
  int maxDevices = D.limits().maxDevicesPerUser();

  @Option(names = "--max-connections-per-user", description = "open WebSockets per user")
  int maxConnections = D.limits().maxConnectionsPerUser();

  @Option(names = "--max-contacts-per-user", description = "contacts per user")
  int maxContacts = D.limits().maxContactsPerUser();

  @Option(
      names = "--allowed-origins",
      description = "comma-separated origins allowed besides the node's own; * for any")
  String allowedOrigins = "";

  @Option(names = "--max-media-bytes", description = "largest upload in bytes (default 25 MiB)")
  long maxMediaBytes = D.media().maxMediaBytes();

  @Option(names = "--media-store", description = "file (under data-dir, default) or s3")
  String mediaStore = D.media().store();

  @Option(names = "--s3-endpoint", description = "S3-compatible endpoint URL (media-store=s3)")
  String s3Endpoint = D.media().s3Endpoint();

  @Option(names = "--s3-bucket", description = "S3 bucket for media, created if missing")
  String s3Bucket = D.media().s3Bucket();

  @Option(names = "--s3-access-key", description = "S3 access key id")
  String s3AccessKey = D.media().s3AccessKey();

  @Option(names = "--s3-secret-key", description = "S3 secret access key")
  String s3SecretKey = D.media().s3SecretKey();

  @Option(names = "--s3-region", description = "S3 region (default us-east-1)")
  String s3Region = D.media().s3Region();

  @Option(names = "--vapid-public-key", description = "VAPID public key, base64url (65 bytes)")
  String vapidPublicKey = D.push().vapidPublicKey();

  @Option(names = "--vapid-private-key", description = "VAPID private key, base64url (32 bytes)")
  String vapidPrivateKey = D.push().vapidPrivateKey();

  @Option(names = "--vapid-subject", description = "VAPID contact, mailto: or https: URI")
  String vapidSubject = D.push().vapidSubject();

  @Option(
      names = "--push-allow-http",
      arity = "0..1",
      description = "accept http: push endpoints (for tests; default false)")
  boolean pushAllowHttp = D.push().allowHttpEndpoints();

  @Option(
      names = "--log-format",
      description = "text (default) or json: one JSON object per log line on stderr")
  String logFormat = "text";

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
        presenceHeartbeat,
        new Limits(
            rateSends,
            rateFrames,
            rateLoginsIp,
            rateLoginsUser,
            rateRegistrationsIp,
            abuseStrikes,
            maxDevices,
            maxConnections,
            maxContacts,
            Limits.origins(allowedOrigins)),
        new MediaSettings(
            maxMediaBytes, mediaStore, s3Endpoint, s3Bucket, s3AccessKey, s3SecretKey, s3Region),
        new PushSettings(vapidPublicKey, vapidPrivateKey, vapidSubject, pushAllowHttp));
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
