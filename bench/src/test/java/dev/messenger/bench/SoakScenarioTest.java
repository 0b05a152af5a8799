package dev.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.MessengerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A two-window {@code soak} against an in-process node: heap and fds recorded per window. */
class SoakScenarioTest {
  @TempDir Path tmp;

  @Test
  @Timeout(90)
  void soak_twoShortWindows_recordsHeapAndFds_losesNothing() throws Exception {
    Path out = tmp.resolve("soak.json");
    try (MessengerNode node = new MessengerNode(BenchSettings.node(tmp.resolve("data")))) {
      int port = node.start();
      int exit =
          Bench.execute(
              "soak",
              "--port=" + port,
              "--users=10",
              "--rate=20",
              "--duration=2",
              "--window=1",
              "--server-pid=" + ProcessHandle.current().pid(),
              "--out=" + out);
      assertThat(exit).isZero();
    }
    JsonNode json = Api.JSON.readTree(Files.readString(out));
    assertThat(json.path("rows")).hasSize(2);
    JsonNode summary = json.path("summary");
    assertThat(summary.path("lost").asLong()).isZero();
    assertThat(summary.path("heapAfterGcKibStart").asLong()).isPositive();
    assertThat(summary.path("heapAfterGcKibEnd").asLong()).isPositive();
    assertThat(summary.path("openFdsStart").asLong()).isPositive();
    assertThat(summary.path("openFdsEnd").asLong()).isPositive();
    for (JsonNode row : json.path("rows")) {
      assertThat(row.path("delivered").asLong()).isEqualTo(row.path("acknowledged").asLong());
    }
  }
}
