package dev.messenger.cluster;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real NATS (with JetStream) on 127.0.0.1:4222 for this module's tests, and unique names so
 * that runs sharing it do not see each other. Without NATS the tests are skipped with the reason
 * printed, except under CI ({@code CI=true}), where they fail.
 */
final class TestNats {
  static final String URL = "nats://127.0.0.1:4222";

  private TestNats() {}

  /** Connects to the shared NATS, or skips (fails under CI) if it is not there. */
  static NatsConnection connectOrSkip(String name) {
    if (!listening(4222)) {
      missing("NATS not reachable on 127.0.0.1:4222");
    }
    try {
      return NatsConnection.connect(URL, name);
    } catch (IOException e) {
      missing("cannot connect to NATS on " + URL + ": " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  /** Like {@link #connectOrSkip} and also requires JetStream (for the KV bucket). */
  static NatsConnection connectWithJetStreamOrSkip(String name) {
    NatsConnection c = connectOrSkip(name);
    if (!c.nats().getServerInfo().isJetStreamAvailable()) {
      c.close();
      missing("NATS on " + URL + " runs without JetStream (start it with -js)");
    }
    return c;
  }

  /** Skips the test with {@code reason}, or fails it under CI. */
  static void missing(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI requires it; .ci/run starts it)");
    }
    System.out.println("SKIPPED NATS tests: " + reason);
    Assumptions.assumeTrue(false, reason);
  }

  /** A name no other test run uses: {@code prefix} and 12 random characters [a-z0-9]. */
  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Deletes a KV bucket made by a test; ignores failures. */
  static void deleteBucket(NatsConnection c, String bucket) {
    try {
      c.nats().keyValueManagement().delete(bucket);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      System.out.println("could not delete bucket " + bucket + ": " + e);
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
