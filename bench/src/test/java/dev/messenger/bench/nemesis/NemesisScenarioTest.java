package dev.messenger.bench.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short form of the nemesis (about 60 s of faults, few clients): three nodes in their own JVMs,
 * a private NATS and a private PostgreSQL (both are killed), every fault kind at least once.
 * Nothing acknowledged is lost or misplaced, no history has a gap or a duplicate, the devices of a
 * user agree, no connection saw messages out of order, and the cut-off node answered not ready.
 */
class NemesisScenarioTest {
  @Test
  @Timeout(480)
  void shortNemesis_losesNothingAcknowledged_andKeepsEveryHistoryGapFree() throws Exception {
    ClusterServicesForBench.requireBinaries();
    // Kept after the run (target/), so that a failure can be read in the nodes' logs.
    Path dir = Files.createDirectories(Path.of("target", "nemesis-" + System.currentTimeMillis()));
    Nemesis.Result r =
        new Nemesis(
                new Nemesis.Config(
                    3,
                    4,
                    1,
                    10,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(6),
                    null,
                    System.getProperty("java.class.path"),
                    dir.toAbsolutePath(),
                    Duration.ofMillis(500)))
            .run();
    System.out.println(r.markdown());

    assertThat(r.faults()).containsKeys("kill", "stop", "nats", "cut", "postgres");
    assertThat(r.acked()).isPositive();
    assertThat(r.ordered()).as("live message frames the order check saw").isPositive();
    assertThat(r.violations()).isEmpty();
    assertThat(r.breaches()).isEmpty();
    assertThat(r.gaveUp()).isZero();
    assertThat(r.cutOffNodeWasNotReady()).isTrue();
  }
}
