package dev.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.MessengerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code mix} scenario against a real node started in-process on port 0. */
class MixScenarioTest {
  @TempDir Path tmp;

  @Test
  @Timeout(90)
  void mix_everyKindIsAnsweredAndDelivered_andNothingIsLost() throws Exception {
    Path out = tmp.resolve("mix.json");
    try (MessengerNode node = new MessengerNode(BenchSettings.node(tmp.resolve("data")))) {
      int port = node.start();

      int exit =
          Bench.execute(
              "mix",
              "--port=" + port,
              "--users=20",
              "--rate=200",
              "--duration=3",
              "--sends=40",
              "--reactions=30",
              "--edits=15",
              "--deletes=15",
              "--server-pid=" + ProcessHandle.current().pid(),
              "--out=" + out);

      assertThat(exit).isZero();
    }
    JsonNode json = Api.JSON.readTree(Files.readString(out));
    assertThat(json.path("scenario").asText()).isEqualTo("mix");
    assertThat(json.path("rows")).hasSize(4);
    for (JsonNode row : json.path("rows")) {
      String op = row.path("op").asText();
      long written = row.path("written").asLong();
      assertThat(written).as(op).isPositive();
      long answered = row.path("answered").asLong();
      assertThat(answered + row.path("rejected").asLong()).as(op).isEqualTo(written);
      assertThat(answered).as(op).isPositive();
      assertThat(row.path("lost").asLong()).as(op).isZero();
      assertThat(row.path("delivered").asLong() + row.path("noops").asLong())
          .as(op + ": every stored operation reached the peer")
          .isEqualTo(answered);
      assertThat(row.path("answerP99Ms").isNumber()).isTrue();
    }
    assertThat(json.path("summary").path("unexpectedDeliveries").asLong()).isZero();
    // The only refusal a small, update-heavy run may meet: a reaction or an edit racing the
    // delete of its target (PROTOCOL.md: conflict).
    json.path("summary")
        .path("errors")
        .fieldNames()
        .forEachRemaining(code -> assertThat(code).endsWith(":conflict"));
    assertThat(json.path("summary").path("serverCpuMicrosPerOp").asDouble()).isPositive();
  }

  @Test
  void weights_pickInProportion() {
    var w = new MixDriver.Weights(80, 10, 5, 5);

    assertThat(w.pick(0)).isEqualTo(MixLedger.Op.SEND);
    assertThat(w.pick(79)).isEqualTo(MixLedger.Op.SEND);
    assertThat(w.pick(80)).isEqualTo(MixLedger.Op.REACT);
    assertThat(w.pick(90)).isEqualTo(MixLedger.Op.EDIT);
    assertThat(w.pick(95)).isEqualTo(MixLedger.Op.DELETE);
    assertThat(w.pick(199)).isEqualTo(MixLedger.Op.DELETE);
  }
}
