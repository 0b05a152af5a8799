package dev.messenger.store;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.UpdateStoreContract;
import dev.messenger.core.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The update-entry and member-settings contract on PostgreSQL (foreign keys enforced): one database
 * for the class, emptied before each test. Skipped when PostgreSQL is not on 127.0.0.1:5432, except
 * on CI.
 */
class PostgresUpdateStoreTest extends UpdateStoreContract {
  private static PostgresTestDatabase pg;

  @BeforeAll
  static void createDatabase() {
    pg = PostgresTestDatabase.createOrSkip();
  }

  @AfterAll
  static void dropDatabase() {
    if (pg != null) {
      pg.close();
      pg = null;
    }
  }

  @Override
  protected MessageStore newMessageStore() {
    pg.truncate();
    return new JdbcMessageStore(pg.database());
  }

  @Override
  protected AccountStore newAccountStore() {
    return new JdbcAccountStore(pg.database());
  }
}
