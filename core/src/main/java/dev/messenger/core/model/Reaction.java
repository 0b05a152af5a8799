package dev.messenger.core.model;

import java.util.List;

/**
 * One emoji on a message (PROTOCOL.md section 4, {@code reactions}): how many users reacted with it
 * and who, in the order they reacted. Immutable.
 */
public record Reaction(String emoji, int count, List<String> userIds) {
  public Reaction {
    userIds = List.copyOf(userIds);
  }
}
