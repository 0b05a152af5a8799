package dev.messenger.server;

import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.LimitSettings;
import dev.messenger.server.settings.MessagingSettings;
import dev.messenger.server.settings.NodeSettings;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.StoreKind;
import dev.messenger.server.settings.StoreSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real node on a free port with its own data directory, for end-to-end tests, plus helpers to
 * make logged-in users. Argon2 runs with a small memory cost so that registering is quick.
 */
public final class TestNode implements AutoCloseable {
  private static final AtomicInteger USERS = new AtomicInteger();

  private final MessengerNode node;
  private final Path dataDir;
  private final int port;

  private TestNode(Settings settings) throws Exception {
    this.dataDir = settings.node().dataDir();
    this.node = new MessengerNode(settings);
    this.port = node.start();
  }

  /**
   * Defaults for tests: port 0, a fresh temp dir, cheap Argon2, 300 ms presence grace, {@link
   * #relax relaxed} limits.
   */
  public static Settings testSettings() throws Exception {
    Path dir = Files.createTempDirectory("messenger-test");
    return Settings.defaults()
        .with(
            b -> {
              b.set(NodeSettings.PORT, 0)
                  .set(NodeSettings.DATA_DIR, dir)
                  .set(AccountSettings.ARGON2_MEMORY_KIB, 1024)
                  .set(MessagingSettings.PRESENCE_GRACE, Duration.ofMillis(300));
              relax(b);
            });
  }

  /** No rate limits, high caps: tests of other features send fast and register many users. */
  public static void relax(Settings.Builder b) {
    b.set(LimitSettings.RATE_SENDS, 0)
        .set(LimitSettings.RATE_FRAMES, 0)
        .set(LimitSettings.RATE_LOGINS_IP, 0)
        .set(LimitSettings.RATE_LOGINS_USER, 0)
        .set(LimitSettings.RATE_REGISTRATIONS_IP, 0)
        .set(LimitSettings.MAX_DEVICES_PER_USER, 1000)
        .set(LimitSettings.MAX_CONNECTIONS_PER_USER, 1000)
        .set(LimitSettings.MAX_CONTACTS_PER_USER, 1000);
  }

  /**
   * This node on PostgreSQL database {@code postgresUrl}, with the given bus (NATS at {@code
   * natsUrl}) and node id: what {@code --store=postgres --bus=...} sets.
   */
  public static Consumer<Settings.Builder> postgres(
      String postgresUrl, BusKind bus, String natsUrl, String nodeId) {
    return b ->
        b.set(StoreSettings.KIND, StoreKind.POSTGRES)
            .set(StoreSettings.POSTGRES_URL, postgresUrl)
            .set(ClusterSettings.BUS, bus)
            .set(ClusterSettings.NATS_URL, natsUrl)
            .set(ClusterSettings.NODE_ID, nodeId);
  }

  public static TestNode start() throws Exception {
    return new TestNode(testSettings());
  }

  public static TestNode start(Settings settings) throws Exception {
    return new TestNode(settings);
  }

  public int port() {
    return port;
  }

  /** The node itself (its router, for the spec tests). */
  public MessengerNode node() {
    return node;
  }

  public Path dataDir() {
    return dataDir;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client without a token. */
  public MessengerClient anonymous() {
    return new MessengerClient(uri());
  }

  /** A logged-in device of a test user: its ids and an HTTP client holding its token. */
  public record TestUser(
      String id, String username, String password, String deviceId, MessengerClient http) {
    /** Opens a recording WebSocket for this device; returns after {@code ready}. */
    public RecordingSocket connect() {
      return RecordingSocket.open(http);
    }
  }

  /** Registers a new user with a unique name starting with {@code prefix} and logs it in. */
  public TestUser newUser(String prefix) {
    String name =
        (prefix + "_" + USERS.incrementAndGet() + "_" + (System.nanoTime() % 1000)).toLowerCase();
    String password = "password-" + name;
    anonymous().register(name, password, null);
    return login(name, password);
  }

  /** Logs the same user in again: a new device. */
  public TestUser newDevice(TestUser user) {
    return login(user.username(), user.password());
  }

  private TestUser login(String name, String password) {
    LoginResult r = anonymous().login(name, password, "test");
    return new TestUser(r.userId(), name, password, r.deviceId(), anonymous().withToken(r.token()));
  }

  @Override
  public void close() {
    node.close();
  }
}
