package dev.messenger.core.presence;

import dev.messenger.core.contract.PresenceRegistryContract;

/** The {@link PresenceRegistryContract} on {@link LocalPresenceRegistry}. */
class LocalPresenceRegistryTest extends PresenceRegistryContract {

  @Override
  protected PresenceRegistry newRegistry() {
    return new LocalPresenceRegistry();
  }
}
