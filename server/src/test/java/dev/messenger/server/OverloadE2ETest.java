package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.ApiException;
import dev.messenger.client.MessengerClient;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.NodeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Overload on a real node: the bounded worker pool answers 503 {@code unavailable} when full,
 * instead of queueing without limit or answering 500, and the node serves normally afterwards.
 */
class OverloadE2ETest {
  @Test
  void aFullWorkerPool_answers503Unavailable_andTheNodeRecovers() throws Exception {
    var settings =
        TestNode.testSettings()
            .with(
                b ->
                    b.set(NodeSettings.WORKER_THREADS, 1)
                        .set(NodeSettings.WORKER_QUEUE, 1)
                        .set(AccountSettings.ARGON2_MEMORY_KIB, 16 * 1024)
                        .set(AccountSettings.ARGON2_ITERATIONS, 3));
    try (TestNode node = TestNode.start(settings)) {
      MessengerClient anon = node.anonymous();
      anon.register("overload", "overload-password", null);
      Statuses statuses = new Statuses();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          calls.add(
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      node.anonymous().login("overload", "overload-password", null);
                      statuses.add("201");
                    } catch (ApiException e) {
                      statuses.add(e.status() + " " + e.code());
                    }
                  },
                  pool));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      assertThat(statuses.counts.keySet()).containsOnly("201", "503 unavailable");
      assertThat(statuses.counts.get("503 unavailable")).isPositive();
      // Once the load is gone the node answers as usual.
      assertThat(node.anonymous().login("overload", "overload-password", null).token())
          .isNotBlank();
    }
  }

  /** Counts of HTTP statuses seen, thread-safe. */
  private static final class Statuses {
    final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    void add(String status) {
      counts.merge(status, 1, Integer::sum);
    }
  }
}
