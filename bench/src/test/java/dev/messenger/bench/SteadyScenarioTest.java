package dev.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.MessengerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code steady} scenario against a real node started in-process on port 0. */
class SteadyScenarioTest {
  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void steady_twentyUsersLowRate_losesNothingAndWritesJson() throws Exception {
    Path out = tmp.resolve("result/steady.json");
    try (MessengerNode node = new MessengerNode(BenchSettings.node(tmp.resolve("data")))) {
      int port = node.start();

      int exit =
          Bench.execute(
              "steady",
              "--port=" + port,
              "--users=20",
              "--rate=50",
              "--duration=2",
              "--server-pid=" + ProcessHandle.current().pid(),
              "--out=" + out);

      assertThat(exit).isZero();
    }
    assertThat(out).exists();
    JsonNode json = Api.JSON.readTree(Files.readString(out));
    assertThat(json.path("scenario").asText()).isEqualTo("steady");
    JsonNode row = json.path("rows").path(0);
    long sent = row.path("sent").asLong();
    assertThat(sent).isPositive();
    assertThat(row.path("lost").asLong()).isZero();
    assertThat(row.path("acknowledged").asLong()).isEqualTo(sent);
    assertThat(row.path("delivered").asLong()).isEqualTo(sent);
    assertThat(row.path("latencyP99Ms").isNumber()).isTrue();
    assertThat(row.path("serverCpuPercent").asDouble()).isGreaterThanOrEqualTo(0);
  }
}
