package dev.messenger.core.presence;

/**
 * Which users have connections, across every node of the deployment. The single-node adapter is
 * {@link LocalPresenceRegistry}. Thread-safe.
 */
public interface PresenceRegistry {
  /** Records a connection; true if the user had no connection before it. */
  boolean connect(String userId, String connectionId);

  /** Forgets a connection; true if the user has no connection left. */
  boolean disconnect(String userId, String connectionId);

  boolean isOnline(String userId);
}
