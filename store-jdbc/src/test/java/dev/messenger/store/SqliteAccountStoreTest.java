package dev.messenger.store;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.AccountStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The account store contract on SQLite, a fresh database file per test. */
class SqliteAccountStoreTest extends AccountStoreContract {
  @TempDir Path dataDir;
  private Database db;

  @Override
  protected AccountStore newAccountStore() throws Exception {
    db = Database.sqlite(dataDir, 256);
    return new JdbcAccountStore(db);
  }

  @AfterEach
  void closeDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
