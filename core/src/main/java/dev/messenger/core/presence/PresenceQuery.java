package dev.messenger.core.presence;

import dev.messenger.core.MessengerException;
import java.util.List;
import java.util.Objects;

/**
 * The user ids one presence request names (HTTP {@code GET /presence?userIds=}, WebSocket {@code
 * presence.subscribe} and {@code presence.unsubscribe}). Both edges build it, so the limit and its
 * message exist here only. Ids are not checked further: unknown or invisible ones are left out
 * where presence is read. Immutable.
 *
 * @param userIds the ids, at most {@value #MAX_IDS}
 * @throws MessengerException {@code bad_request} if the list is missing, holds a null, or is longer
 *     than {@value #MAX_IDS}
 */
public record PresenceQuery(List<String> userIds) {
  /** Most user ids in one presence request (docs/protocol.md: at most 500). */
  public static final int MAX_IDS = 500;

  public PresenceQuery {
    if (userIds == null) {
      throw MessengerException.badRequest("userIds is required");
    }
    if (userIds.size() > MAX_IDS) {
      throw MessengerException.badRequest("at most " + MAX_IDS + " userIds");
    }
    if (userIds.stream().anyMatch(Objects::isNull)) {
      throw MessengerException.badRequest("userIds must hold user ids");
    }
    userIds = List.copyOf(userIds);
  }
}
