package dev.messenger.store;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.AccountStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The account store contract on PostgreSQL: one database for the class, emptied before each test.
 * Skipped when PostgreSQL is not on 127.0.0.1:5432, except on CI.
 */
class PostgresAccountStoreTest extends AccountStoreContract {
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
  protected AccountStore newAccountStore() {
    pg.truncate();
    return new JdbcAccountStore(pg.database());
  }
}
