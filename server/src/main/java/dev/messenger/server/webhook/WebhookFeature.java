package dev.messenger.server.webhook;

import dev.messenger.server.metrics.Metrics;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcOutbox;
import java.time.Clock;

/**
 * Wires webhooks (PROTOCOL.md section 8 "Webhooks") into a node: installs {@link WebhookEvents} on
 * the database so the stores write outbox rows, starts a {@link WebhookSender}, and puts outbox
 * depth, age of the oldest event, attempts, failures, deliveries and drops on {@code /metrics}.
 * Does nothing when {@code webhook-url} is empty. Thread-safe; close once.
 */
public final class WebhookFeature implements AutoCloseable {
  private final WebhookSender sender;

  private WebhookFeature(WebhookSender sender) {
    this.sender = sender;
  }

  /** Starts webhooks if {@code settings} enable them. */
  public static WebhookFeature open(
      WebhookSettings settings, Database db, String nodeId, Clock clock, Metrics metrics) {
    if (!settings.enabled()) {
      return new WebhookFeature(null);
    }
    db.outbox(new WebhookEvents(settings, clock));
    JdbcOutbox outbox = new JdbcOutbox(db);
    WebhookSender sender = new WebhookSender(outbox, settings, nodeId, clock);
    metrics.gauge(
        "messenger.webhook.outbox.depth", "webhook events waiting", () -> outbox.stats().depth());
    metrics.gauge(
        "messenger.webhook.outbox.oldest.seconds",
        "age of the oldest waiting webhook event, in seconds",
        () -> {
          long oldest = outbox.stats().oldestCreatedAt();
          return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
        });
    metrics.counterFn("messenger.webhook.attempts", "webhook POSTs made", sender::attempts);
    metrics.counterFn(
        "messenger.webhook.failures", "webhook POSTs failed (no 2xx)", sender::failures);
    metrics.counterFn("messenger.webhook.delivered", "webhook events delivered", sender::delivered);
    metrics.counterFn(
        "messenger.webhook.dropped",
        "webhook events dropped after webhook-retry-for",
        sender::dropped);
    return new WebhookFeature(sender);
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
