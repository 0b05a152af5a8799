package dev.messenger.server.webhook;

import dev.messenger.core.messaging.SendHook;
import dev.messenger.server.metrics.Metrics;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcOutbox;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Wires webhooks (PROTOCOL.md section 8 "Webhooks") into a node: installs {@link WebhookEvents} on
 * the database so the stores write outbox rows and starts a {@link WebhookSender} when {@code
 * webhook-url} is set; makes the {@link BeforeSendHook} when {@code webhook-before-send-url} is
 * set. The metrics (outbox depth, age of the oldest event, attempts, failures, deliveries, drops;
 * hook calls, rejections, replacements, failures, overflows) are on {@code /metrics} always, zero
 * while the feature is off, so alert rules always have a series. Thread-safe; close once.
 */
public final class WebhookFeature implements AutoCloseable {
  private final WebhookSender sender;
  private final BeforeSendHook hook;

  private WebhookFeature(WebhookSender sender, BeforeSendHook hook) {
    this.sender = sender;
    this.hook = hook;
  }

  /** Starts what {@code settings} enable and registers the metrics. */
  public static WebhookFeature open(
      WebhookSettings settings, Database db, String nodeId, Clock clock, Metrics metrics) {
    JdbcOutbox outbox = settings.enabled() ? new JdbcOutbox(db) : null;
    WebhookSender sender = null;
    if (outbox != null) {
      db.outbox(new WebhookEvents(settings, clock));
      sender = new WebhookSender(outbox, settings, nodeId, clock);
    }
    BeforeSendHook hook = settings.beforeSend() ? new BeforeSendHook(settings, clock) : null;
    WebhookFeature f = new WebhookFeature(sender, hook);
    metrics.gauge(
        "messenger.webhook.outbox.depth",
        "webhook events waiting",
        () -> outbox == null ? 0 : outbox.stats().depth());
    metrics.gauge(
        "messenger.webhook.outbox.oldest.seconds",
        "age of the oldest waiting webhook event, in seconds",
        () -> {
          long oldest = outbox == null ? 0 : outbox.stats().oldestCreatedAt();
          return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
        });
    f.sent(metrics, "attempts", "webhook POSTs made", WebhookSender::attempts);
    f.sent(metrics, "failures", "webhook POSTs failed (no 2xx)", WebhookSender::failures);
    f.sent(metrics, "delivered", "webhook events delivered", WebhookSender::delivered);
    f.sent(
        metrics,
        "dropped",
        "webhook events dropped after webhook-retry-for",
        WebhookSender::dropped);
    f.hooked(metrics, "calls", "before-send hook calls made", BeforeSendHook::calls);
    f.hooked(metrics, "rejected", "sends the before-send hook rejected", BeforeSendHook::rejected);
    f.hooked(
        metrics,
        "replaced",
        "sends whose body the before-send hook replaced",
        BeforeSendHook::replaced);
    f.hooked(
        metrics,
        "failures",
        "before-send hook calls that timed out or failed (webhook-before-send-fail decided)",
        BeforeSendHook::failures);
    f.hooked(
        metrics,
        "overflows",
        "sends refused (unavailable) because too many hook calls were in flight",
        BeforeSendHook::overflows);
    metrics.gauge(
        "messenger.webhook.before.send.in.flight",
        "before-send hook calls in flight",
        () -> hook == null ? 0 : hook.inFlight());
    return f;
  }

  private void sent(Metrics m, String name, String help, ToLongFunction<WebhookSender> read) {
    LongSupplier value = () -> sender == null ? 0 : read.applyAsLong(sender);
    m.counterFn("messenger.webhook." + name, help, value);
  }

  private void hooked(Metrics m, String name, String help, ToLongFunction<BeforeSendHook> read) {
    LongSupplier value = () -> hook == null ? 0 : read.applyAsLong(hook);
    m.counterFn("messenger.webhook.before.send." + name, help, value);
  }

  /** The check every send passes: the before-send hook, or {@link SendHook#NONE}. */
  public SendHook sendHook() {
    return hook == null ? SendHook.NONE : hook;
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
