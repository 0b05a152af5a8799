package dev.messenger.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the JDBC stores tell about each change they commit, called inside the change's own write
 * transaction with its connection, so an event is stored exactly when the change is (PROTOCOL.md
 * section 8 "Webhooks": the durable outbox). {@link #NONE} (the default) records nothing; the
 * server installs one writing {@link JdbcOutbox} rows when {@code webhook-url} is set.
 *
 * <p>Implementations are called on the writer's thread and must be thread-safe and quick: no I/O
 * other than statements on {@code c}. A thrown {@link SQLException} fails the change with it.
 */
@FunctionalInterface
public interface OutboxEvents {
  /** Records nothing. */
  OutboxEvents NONE = (c, type, conversationId, seq, data) -> {};

  /**
   * Records one event.
   *
   * @param type the event type, e.g. {@code message.created}
   * @param conversationId the key events are ordered by: the conversation id, or {@link #userKey}
   *     for user events
   * @param seq the order within the key: the conversation's seq (0 for a direct conversation's
   *     creation), or the event's time in epoch ms for user events
   * @param data the changed object (a core model record), turned into the event's {@code data}
   */
  /** The ordering key of a user's events ({@code user.created}, {@code user.deleted}). */
  static String userKey(String userId) {
    return "user:" + userId;
  }

  void record(Connection c, String type, String conversationId, long seq, Object data)
      throws SQLException;
}
