package dev.messenger.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameLogTest {
  private final FrameLog log = new FrameLog();

  private static JsonNode frame(String type, int n) {
    return JsonNodeFactory.instance.objectNode().put("type", type).put("n", n);
  }

  @Test
  void await_frameReceivedBefore_returnsAtOnce() {
    log.add(frame("pong", 1));

    assertThat(log.await(FrameLog.isType("pong"), Duration.ZERO).path("n").asInt()).isEqualTo(1);
  }

  @Test
  void await_frameReceivedLater_wakesUp() throws Exception {
    CompletableFuture<JsonNode> waiting =
        CompletableFuture.supplyAsync(
            () -> log.await(f -> f.path("n").asInt() == 2, Duration.ofSeconds(5)));
    log.add(frame("message", 1));
    log.add(frame("message", 2));

    assertThat(waiting.get(5, TimeUnit.SECONDS).path("n").asInt()).isEqualTo(2);
  }

  @Test
  void await_nothingMatches_throwsIllegalStateWithTimeoutCause() {
    log.add(frame("pong", 1));

    assertThatThrownBy(() -> log.await(FrameLog.isType("sent"), Duration.ofMillis(20)))
        .isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("pong");
  }

  @Test
  void await_socketClosedWithoutMatch_failsBeforeTheTimeout() {
    log.markClosed(4001);

    assertThatThrownBy(() -> log.await(FrameLog.isType("sent"), Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("4001");
  }

  @Test
  void await_matchReceivedBeforeClose_isStillFound() {
    log.add(frame("sent", 1));
    log.markClosed(1000);

    assertThat(log.await(FrameLog.isType("sent"), Duration.ZERO)).isNotNull();
  }

  @Test
  void awaitCount_returnsFirstN_ofThatType() throws Exception {
    log.add(frame("message", 1));
    log.add(frame("pong", 9));
    CompletableFuture<List<JsonNode>> waiting =
        CompletableFuture.supplyAsync(() -> log.awaitCount("message", 2, Duration.ofSeconds(5)));
    log.add(frame("message", 2));
    log.add(frame("message", 3));

    assertThat(waiting.get(5, TimeUnit.SECONDS))
        .extracting(f -> f.path("n").asInt())
        .containsExactly(1, 2);
  }

  @Test
  void ofType_filtersAndIgnoresNonObjects() {
    log.add(frame("pong", 1));
    log.add(TextNode.valueOf("garbage"));
    log.add(frame("typing", 2));

    assertThat(log.ofType("typing")).hasSize(1);
    assertThat(log.snapshot()).hasSize(3);
  }
}
