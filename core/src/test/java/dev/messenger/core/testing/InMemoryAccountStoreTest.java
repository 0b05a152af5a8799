package dev.messenger.core.testing;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.AccountStoreContract;

/** The contract on the in-memory fake, so that unit tests on it test what adapters do. */
class InMemoryAccountStoreTest extends AccountStoreContract {
  @Override
  protected AccountStore newAccountStore() {
    return new InMemoryAccountStore();
  }
}
