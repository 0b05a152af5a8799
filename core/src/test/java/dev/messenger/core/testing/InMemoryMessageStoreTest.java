package dev.messenger.core.testing;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.MessageStoreContract;
import dev.messenger.core.store.MessageStore;

/** The contract on the in-memory fake, so that unit tests on it test what adapters do. */
class InMemoryMessageStoreTest extends MessageStoreContract {
  @Override
  protected MessageStore newMessageStore() {
    return new InMemoryMessageStore();
  }

  @Override
  protected AccountStore newAccountStore() {
    return new InMemoryAccountStore();
  }
}
