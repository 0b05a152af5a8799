package dev.messenger.core.presence;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link PresenceRegistry} of one node: connections held in memory. Thread-safe. */
public final class LocalPresenceRegistry implements PresenceRegistry {
  private final Map<String, Set<String>> connections = new ConcurrentHashMap<>();

  @Override
  public boolean connect(String userId, String connectionId) {
    boolean[] first = {false};
    connections.compute(
        userId,
        (u, set) -> {
          Set<String> s = set == null ? new HashSet<>() : set;
          first[0] = s.isEmpty();
          s.add(connectionId);
          return s;
        });
    return first[0];
  }

  @Override
  public boolean disconnect(String userId, String connectionId) {
    boolean[] last = {false};
    connections.computeIfPresent(
        userId,
        (u, set) -> {
          set.remove(connectionId);
          last[0] = set.isEmpty();
          return set.isEmpty() ? null : set;
        });
    return last[0];
  }

  @Override
  public boolean isOnline(String userId) {
    return connections.containsKey(userId);
  }
}
