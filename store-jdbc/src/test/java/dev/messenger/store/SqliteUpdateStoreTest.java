package dev.messenger.store;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.UpdateStoreContract;
import dev.messenger.core.store.MessageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The update-entry and member-settings contract on SQLite, a fresh database file per test. */
class SqliteUpdateStoreTest extends UpdateStoreContract {
  @TempDir Path dataDir;
  private Database db;

  @Override
  protected MessageStore newMessageStore() throws Exception {
    db = Database.sqlite(dataDir, 256);
    return new JdbcMessageStore(db);
  }

  @Override
  protected AccountStore newAccountStore() {
    return new JdbcAccountStore(db);
  }

  @AfterEach
  void closeDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
