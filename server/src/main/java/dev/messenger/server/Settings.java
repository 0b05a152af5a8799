package dev.messenger.server;

import dev.messenger.server.limits.Limits;
import dev.messenger.server.media.MediaSettings;
import dev.messenger.server.push.PushSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every setting of a node (PROTOCOL.md section 1, plus our own), validated. Built by {@link
 * SettingsParser} from a config file and {@code --name=value} arguments, or in tests with {@link
 * #defaults()} and the {@code with*} copies. Immutable.
 *
 * @param port 0 picks a free port
 * @param maxMessageChars longest text body in code points
 * @param maxGroupSize most members of a group, creator included
 * @param presenceGrace time after the last device leaves before offline is announced
 * @param idleTimeout a connection that sends nothing this long is closed
 * @param argon2MemoryKib Argon2id memory cost in KiB
 * @param argon2Iterations Argon2id time cost
 * @param maxBatch most writes in one group-commit transaction
 * @param maxOutboundBytes bytes queued to one WebSocket before it counts as a slow consumer
 * @param workerThreads threads that run store reads and password hashing
 * @param store {@code sqlite} or {@code postgres}
 * @param bus {@code local} (one node) or {@code nats} (cluster)
 * @param natsUrl where NATS listens, e.g. {@code nats://127.0.0.1:4222}
 * @param nodeId this node's name in the cluster (default: random)
 * @param limits rate limits, per-user caps and allowed origins
 * @param media uploads: size limit and where the bytes live (file or S3)
 * @param push Web Push: VAPID keys and subject
 * @param presenceHeartbeat how often a clustered node refreshes its presence keys; a dead node's
 *     users go offline within 4 heartbeats plus the grace
 */
public record Settings(
    String host,
    int port,
    Path dataDir,
    int maxMessageChars,
    int maxGroupSize,
    Duration presenceGrace,
    Duration idleTimeout,
    int argon2MemoryKib,
    int argon2Iterations,
    int maxBatch,
    int maxOutboundBytes,
    int workerThreads,
    String store,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    String bus,
    String natsUrl,
    String nodeId,
    Duration presenceHeartbeat,
    Limits limits,
    MediaSettings media,
    PushSettings push) {

  public Settings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "data-dir");
    requireRange("port", port, 0, 65535);
    requireRange("max-message-chars", maxMessageChars, 1, 1_000_000);
    requireRange("max-group-size", maxGroupSize, 2, 100_000);
    requireRange("argon2-memory-kib", argon2MemoryKib, 8, 4_194_304);
    requireRange("argon2-iterations", argon2Iterations, 1, 100);
    requireRange("max-batch", maxBatch, 1, 100_000);
    requireRange("max-outbound-bytes", maxOutboundBytes, 64 * 1024, 1 << 30);
    requireRange("worker-threads", workerThreads, 1, 1024);
    if (presenceGrace.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("presence-grace must be >= 0 and idle-timeout > 0");
    }
    if (!store.equals("sqlite") && !store.equals("postgres")) {
      throw new IllegalArgumentException("store must be sqlite or postgres");
    }
    if (!bus.equals("local") && !bus.equals("nats")) {
      throw new IllegalArgumentException("bus must be local or nats");
    }
    if (!nodeId.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("node-id must be 1-32 characters of A-Z a-z 0-9 _ -");
    }
    if (presenceHeartbeat.toMillis() < 100) {
      throw new IllegalArgumentException("presence-heartbeat must be >= 100ms");
    }
  }

  /** The defaults of PROTOCOL.md section 1. */
  public static Settings defaults() {
    return new Settings(
        "0.0.0.0",
        8080,
        Path.of("data"),
        1000,
        200,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        15 * 1024,
        2,
        512,
        4 * 1024 * 1024,
        16,
        "sqlite",
        "jdbc:postgresql://127.0.0.1:5432/messenger",
        "postgres",
        "",
        "local",
        "nats://127.0.0.1:4222",
        dev.messenger.core.Ids.randomBase64(6).replace('-', 'x').replace('_', 'y'),
        Duration.ofSeconds(2),
        Limits.defaults(),
        MediaSettings.defaults(),
        PushSettings.defaults());
  }

  /** A copy with some settings changed, e.g. {@code s.with(b -> b.port = 0)}; validated again. */
  public Settings with(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  public Settings withPort(int p) {
    return with(b -> b.port = p);
  }

  public Settings withDataDir(Path d) {
    return with(b -> b.dataDir = d);
  }

  public Settings withPresenceGrace(Duration g) {
    return with(b -> b.presenceGrace = g);
  }

  public Settings withIdleTimeout(Duration t) {
    return with(b -> b.idleTimeout = t);
  }

  public Settings withArgon2MemoryKib(int kib) {
    return with(b -> b.argon2MemoryKib = kib);
  }

  public Settings withMaxGroupSize(int n) {
    return with(b -> b.maxGroupSize = n);
  }

  public Settings withMaxOutboundBytes(int n) {
    return with(b -> b.maxOutboundBytes = n);
  }

  /** This node in a cluster: the given store and bus settings, everything else unchanged. */
  public Settings withCluster(
      String store, String postgresUrl, String bus, String natsUrl, String nodeId) {
    return with(
        b -> {
          b.store = store;
          b.postgresUrl = postgresUrl;
          b.bus = bus;
          b.natsUrl = natsUrl;
          b.nodeId = nodeId;
        });
  }

  public Settings withPresenceHeartbeat(Duration d) {
    return with(b -> b.presenceHeartbeat = d);
  }

  public Settings withLimits(Limits l) {
    return with(b -> b.limits = l);
  }

  public Settings withMedia(MediaSettings m) {
    return with(b -> b.media = m);
  }

  public Settings withPush(PushSettings p) {
    return with(b -> b.push = p);
  }

  /** Every setting as a mutable field, for {@link #with}. Not thread-safe. */
  public static final class Builder {
    public String host;
    public int port;
    public Path dataDir;
    public int maxMessageChars;
    public int maxGroupSize;
    public Duration presenceGrace;
    public Duration idleTimeout;
    public int argon2MemoryKib;
    public int argon2Iterations;
    public int maxBatch;
    public int maxOutboundBytes;
    public int workerThreads;
    public String store;
    public String postgresUrl;
    public String postgresUser;
    public String postgresPassword;
    public String bus;
    public String natsUrl;
    public String nodeId;
    public Duration presenceHeartbeat;
    public Limits limits;
    public MediaSettings media;
    public PushSettings push;

    Builder(Settings s) {
      host = s.host;
      port = s.port;
      dataDir = s.dataDir;
      maxMessageChars = s.maxMessageChars;
      maxGroupSize = s.maxGroupSize;
      presenceGrace = s.presenceGrace;
      idleTimeout = s.idleTimeout;
      argon2MemoryKib = s.argon2MemoryKib;
      argon2Iterations = s.argon2Iterations;
      maxBatch = s.maxBatch;
      maxOutboundBytes = s.maxOutboundBytes;
      workerThreads = s.workerThreads;
      store = s.store;
      postgresUrl = s.postgresUrl;
      postgresUser = s.postgresUser;
      postgresPassword = s.postgresPassword;
      bus = s.bus;
      natsUrl = s.natsUrl;
      nodeId = s.nodeId;
      presenceHeartbeat = s.presenceHeartbeat;
      limits = s.limits;
      media = s.media;
      push = s.push;
    }

    /** The settings, validated as by the record's constructor. */
    public Settings build() {
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
          limits,
          media,
          push);
    }
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", not " + value);
    }
  }
}
