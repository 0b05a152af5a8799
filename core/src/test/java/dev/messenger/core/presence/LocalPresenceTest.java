package dev.messenger.core.presence;

import dev.messenger.core.contract.PresenceContract;

/** The {@link PresenceContract} on the single-node {@link LocalPresenceRegistry}. */
class LocalPresenceTest extends PresenceContract {
  @Override
  protected PresenceRegistry newRegistry() {
    return new LocalPresenceRegistry();
  }
}
