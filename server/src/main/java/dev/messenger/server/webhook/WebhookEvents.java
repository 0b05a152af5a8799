package dev.messenger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.server.settings.WebhookSettings;
import dev.messenger.server.wire.Wire;
import dev.messenger.store.JdbcOutbox;
import dev.messenger.store.OutboxEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Turns each change the stores commit into a webhook event row (PROTOCOL.md section 8 "Webhooks":
 * {@code {"id", "type", "ts", "data"}}), written on the change's own connection so it commits with
 * it. Types not in {@code webhook-events} are skipped. Thread-safe (stateless).
 *
 * <p>{@code data} by type (docs/protocol.md Part II, "Webhooks"): the message object for {@code
 * message.created}, the update entry for {@code message.updated}, the summary without the viewer's
 * own fields for {@code conversation.created}, {@code {"conversationId", "seq", "ts", "userId",
 * "by", "action"}} for {@code member.added} and {@code member.removed}, the user object for {@code
 * user.created} and {@code user.deleted}.
 */
public final class WebhookEvents implements OutboxEvents {
  /** Summary fields that belong to one viewer, left out of {@code conversation.created}. */
  private static final List<String> VIEWER_FIELDS =
      List.of("unreadCount", "mutedUntil", "archived", "clearedSeq");

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
    event.set("data", data(type, data));
    JdbcOutbox.insert(c, id, type, conversationId, seq, event.toString(), now);
  }

  /** The event's {@code data} for a change of {@code type}. */
  static JsonNode data(String type, Object data) {
    if (data instanceof Message m && m.event() != null && type.startsWith("member.")) {
      SystemEvent e = m.event();
      ObjectNode out = Wire.object();
      out.put("conversationId", m.conversationId())
          .put("seq", m.seq())
          .put("ts", m.ts())
          .put("userId", e.userId())
          .put("by", e.by())
          .put("action", e.action().wire());
      return out;
    }
    JsonNode tree = Wire.MAPPER.valueToTree(data);
    if (type.equals("conversation.created") && tree instanceof ObjectNode summary) {
      summary.remove(VIEWER_FIELDS);
    }
    return tree;
  }
}
