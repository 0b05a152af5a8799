package dev.messenger.store;

import dev.messenger.core.contract.MediaCatalogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The media catalog contract on PostgreSQL: one database for the class, emptied before each test.
 * Skipped when PostgreSQL is not on 127.0.0.1:5432, except on CI.
 */
class PostgresMediaCatalogTest extends MediaCatalogContract {
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
  protected void open() {
    pg.truncate();
    messages = new JdbcMessageStore(pg.database());
    accounts = new JdbcAccountStore(pg.database());
    catalog = new JdbcMediaCatalog(pg.database());
  }
}
