package dev.messenger.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeTimersTest {
  private final FakeClock clock = new FakeClock();
  private final FakeTimers timers = new FakeTimers(clock);
  private final List<String> ran = new ArrayList<>();

  @Test
  void advance_runsTasksOnceDue_inDueOrder() {
    timers.schedule(Duration.ofSeconds(2), () -> ran.add("2s"));
    timers.schedule(Duration.ofSeconds(1), () -> ran.add("1s"));
    timers.schedule(Duration.ofSeconds(5), () -> ran.add("5s"));

    timers.advance(Duration.ofMillis(999));
    assertThat(ran).isEmpty();

    clock.advance(Duration.ofMillis(1001));
    assertThat(ran).containsExactly("1s", "2s");
    assertThat(timers.pending()).isEqualTo(1);
  }

  @Test
  void cancel_beforeDue_neverRuns() {
    Timers.Cancellable c = timers.schedule(Duration.ofSeconds(1), () -> ran.add("x"));

    c.cancel();
    timers.advance(Duration.ofSeconds(10));

    assertThat(ran).isEmpty();
    assertThat(timers.pending()).isZero();
  }

  @Test
  void runDue_runsZeroDelayTasks_andTasksTheyScheduleWhenDue() {
    timers.schedule(
        Duration.ZERO,
        () -> {
          ran.add("first");
          timers.schedule(Duration.ZERO, () -> ran.add("second"));
          timers.schedule(Duration.ofSeconds(1), () -> ran.add("later"));
        });

    timers.runDue();

    assertThat(ran).containsExactly("first", "second");
    assertThat(timers.pending()).isEqualTo(1);
  }

  @Test
  void clock_setMillis_movesTime() {
    clock.setMillis(42);
    assertThat(clock.millis()).isEqualTo(42);
    assertThat(clock.instant().toEpochMilli()).isEqualTo(42);
    clock.advance(Duration.ofSeconds(1));
    assertThat(clock.millis()).isEqualTo(1042);
  }
}
