package dev.messenger.core.testing;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.UpdateStoreContract;
import dev.messenger.core.store.MessageStore;

/** The update-entry and member-settings contract on the in-memory store the core tests use. */
class InMemoryUpdateStoreTest extends UpdateStoreContract {
  @Override
  protected MessageStore newMessageStore() {
    return new InMemoryMessageStore();
  }

  @Override
  protected AccountStore newAccountStore() {
    return new InMemoryAccountStore();
  }
}
