package dev.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.MessengerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Prefills a tiny store, starts a node on it in-process and runs {@code history} against it. */
class HistoryScenarioTest {
  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void history_onPrefilledStore_fetchesAscendingGapFreePagesAndWritesJson() throws Exception {
    Path data = tmp.resolve("data");
    Path prefillOut = tmp.resolve("result/prefill.json");
    int prefilled =
        Bench.execute(
            "prefill",
            "--data-dir=" + data,
            "--users=10",
            "--conversations=20",
            "--messages=2000",
            "--batch=500",
            "--out=" + prefillOut);
    assertThat(prefilled).isZero();
    assertThat(
            Api.JSON
                .readTree(Files.readString(prefillOut))
                .path("rows")
                .path(0)
                .path("seconds")
                .isNumber())
        .isTrue();

    Path out = tmp.resolve("result/history.json");
    try (MessengerNode node = new MessengerNode(BenchSettings.node(data))) {
      int port = node.start();

      int exit =
          Bench.execute(
              "history",
              "--port=" + port,
              "--users=10",
              "--pages=100",
              "--warmup-pages=20",
              "--concurrency=5",
              "--server-pid=" + ProcessHandle.current().pid(),
              "--out=" + out);

      assertThat(exit).isZero();
    }
    JsonNode json = Api.JSON.readTree(Files.readString(out));
    assertThat(json.path("scenario").asText()).isEqualTo("history");
    JsonNode row = json.path("rows").path(0);
    assertThat(row.path("pages").asLong()).isEqualTo(100);
    // The bench checks each page: ascending, gap-free, ending just before `before`.
    assertThat(row.path("badPages").asLong()).isZero();
    assertThat(row.path("failedPages").asLong()).isZero();
    assertThat(row.path("messagesReturned").asLong()).isPositive();
    assertThat(row.path("pageP99Ms").isNumber()).isTrue();
    assertThat(json.path("summary").path("failed").asBoolean()).isFalse();
  }

  @Test
  void prefillBody_hasTheRequestedLength() {
    assertThat(Prefill.body(3, 17, 80)).hasSize(80).startsWith("m3.17 ");
    assertThat(Prefill.body(3, 17, 3)).hasSize(3);
  }
}
