package dev.messenger.server;

import dev.messenger.client.ChatSocket;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.server.limits.Limits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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
    this.dataDir = settings.dataDir();
    this.node = new MessengerNode(settings);
    this.port = node.start();
  }

  /** Defaults for tests: port 0, a fresh temp dir, cheap Argon2, 300 ms presence grace. */
  public static Settings testSettings() throws Exception {
    return Settings.defaults()
        .withPort(0)
        .withDataDir(Files.createTempDirectory("messenger-test"))
        .withArgon2MemoryKib(1024)
        .withPresenceGrace(Duration.ofMillis(300))
        .withLimits(RELAXED);
  }

  /** No rate limits, high caps: tests of other features send fast and register many users. */
  public static final Limits RELAXED =
      Limits.defaults().withRates(0, 0, 0, 0, 0).withCaps(1000, 1000, 1000);

  public static TestNode start() throws Exception {
    return new TestNode(testSettings());
  }

  public static TestNode start(Settings settings) throws Exception {
    return new TestNode(settings);
  }

  public int port() {
    return port;
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
    /** Opens a WebSocket for this device; returns after {@code ready}. */
    public ChatSocket connect() {
      return http.connect();
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
