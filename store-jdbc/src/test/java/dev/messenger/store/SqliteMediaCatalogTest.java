package dev.messenger.store;

import dev.messenger.core.contract.MediaCatalogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The media catalog contract on SQLite, a fresh database file per test. */
class SqliteMediaCatalogTest extends MediaCatalogContract {
  @TempDir Path dataDir;
  private Database db;

  @Override
  protected void open() throws Exception {
    db = Database.sqlite(dataDir, 256);
    messages = new JdbcMessageStore(db);
    accounts = new JdbcAccountStore(db);
    catalog = new JdbcMediaCatalog(db);
  }

  @AfterEach
  void closeDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
