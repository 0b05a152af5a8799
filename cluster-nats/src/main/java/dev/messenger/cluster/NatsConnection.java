package dev.messenger.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to NATS shared by the bus and the presence registry. Reconnects forever; runs the
 * registered actions after each reconnect. Thread-safe; close once.
 */
public final class NatsConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsConnection.class);

  private final Connection nats;
  private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();

  private NatsConnection(String url, String name) throws IOException, InterruptedException {
    Options options =
        new Options.Builder()
            .server(url)
            .connectionName(name)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(5))
            .maxPingsOut(10)
            .connectionListener(this::onEvent)
            .build();
    this.nats = Nats.connect(options);
  }

  /**
   * Connects to {@code url}.
   *
   * @throws IOException if NATS cannot be reached
   */
  public static NatsConnection connect(String url, String name) throws IOException {
    try {
      return new NatsConnection(url, name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to NATS", e);
    }
  }

  Connection nats() {
    return nats;
  }

  /** True while the connection to NATS is up. */
  public boolean connected() {
    return nats.getStatus() == Connection.Status.CONNECTED;
  }

  void onReconnect(Runnable action) {
    onReconnect.add(action);
  }

  private void onEvent(Connection c, ConnectionListener.Events type) {
    LOG.info("NATS connection: {}", type);
    if (type == ConnectionListener.Events.RECONNECTED) {
      for (Runnable r : onReconnect) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.warn("reconnect action failed", e);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      nats.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
