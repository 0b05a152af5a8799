package dev.messenger.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.server.wire.Wire;
import dev.messenger.store.JdbcOutbox;
import dev.messenger.store.OutboxEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * Turns each change the stores commit into a webhook event row (PROTOCOL.md section 8 "Webhooks":
 * {@code {"id", "type", "ts", "data"}}), written on the change's own connection so it commits with
 * it. Types not in {@code webhook-events} are skipped. Thread-safe (stateless).
 */
public final class WebhookEvents implements OutboxEvents {
  private final WebhookSettings settings;
  private final Clock clock;

  public WebhookEvents(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void record(Connection c, String type, String conversationId, long seq, Object data)
      throws SQLException {
    if (!settings.sends(type)) {
      return;
    }
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    ObjectNode event = Wire.object();
    event.put("id", id).put("type", type).put("ts", now);
    event.set("data", Wire.MAPPER.valueToTree(data));
    JdbcOutbox.insert(c, id, type, conversationId, seq, event.toString(), now);
  }
}
