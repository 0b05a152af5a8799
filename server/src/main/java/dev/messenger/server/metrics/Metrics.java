package dev.messenger.server.metrics;

import dev.messenger.core.ErrorCode;
import dev.messenger.server.chat.SessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's meters (Micrometer, Prometheus format): connections, frames in and out, sends,
 * group-commit latency and batch size, fan-out delay (commit timestamp to frame written), queue
 * depths, errors by code, plus JVM memory, GC, threads and CPU. Thread-safe; counters are cheap
 * enough for the hot path.
 */
public final class Metrics implements SessionMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter framesIn;
  private final Counter framesOut;
  private final Counter sends;
  private final Timer commit;
  private final DistributionSummary batchSize;
  private final Timer fanout;
  private final Counter slowConsumers;
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

  public Metrics() {
    framesIn =
        Counter.builder("messenger.frames.in")
            .description("WebSocket frames received")
            .register(registry);
    framesOut =
        Counter.builder("messenger.frames.out")
            .description("WebSocket frames sent")
            .register(registry);
    sends = Counter.builder("messenger.sends").description("messages stored").register(registry);
    commit =
        Timer.builder("messenger.commit")
            .description("group-commit transactions, from BEGIN to COMMIT done")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    batchSize =
        DistributionSummary.builder("messenger.commit.batch")
            .description("writes per group-commit transaction")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    fanout =
        Timer.builder("messenger.fanout")
            .description("from a message's server timestamp to its frame written to a recipient")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    slowConsumers =
        Counter.builder("messenger.slow_consumer.closes")
            .description("connections closed (1008) because their outbound queue was full")
            .register(registry);
    for (ErrorCode c : ErrorCode.values()) {
      errors.put(
          c,
          Counter.builder("messenger.errors")
              .tag("code", c.wire())
              .description("errors answered to clients, by code")
              .register(registry));
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  private final java.util.List<java.util.function.LongSupplier> counterSources =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Registers a gauge read on each scrape, e.g. a queue depth. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /**
   * Registers a counter whose value is read from {@code total} on each scrape. {@code total} is
   * kept here: Micrometer holds a function counter's object only weakly, so a lambda or method
   * reference would otherwise be collected and read as 0.
   */
  public void counterFn(String name, String description, java.util.function.LongSupplier total) {
    counterSources.add(total);
    FunctionCounter.builder(name, total, t -> t.getAsLong())
        .description(description)
        .register(registry);
  }

  /** Like {@link #counterFn(String, String, java.util.function.LongSupplier)}, with tags. */
  public void counterFn(
      String name,
      Map<String, String> tags,
      String description,
      java.util.function.LongSupplier total) {
    counterSources.add(total);
    FunctionCounter.Builder<java.util.function.LongSupplier> b =
        FunctionCounter.builder(name, total, t -> t.getAsLong()).description(description);
    tags.forEach(b::tag);
    b.register(registry);
  }

  @Override
  public void frameIn() {
    framesIn.increment();
  }

  @Override
  public void frameOut() {
    framesOut.increment();
  }

  @Override
  public void sent() {
    sends.increment();
  }

  /** One committed batch: its size and how long the transaction took, in ns. */
  public void committed(int writes, long nanos) {
    batchSize.record(writes);
    commit.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A message frame written {@code millis} after the message's server timestamp. */
  @Override
  public void fannedOut(long millis) {
    fanout.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void error(ErrorCode code) {
    errors.get(code).increment();
  }

  @Override
  public void slowConsumerClosed() {
    slowConsumers.increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
