package dev.messenger.store;

import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.contract.MessageStoreContract;
import dev.messenger.core.model.Message;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message store contract on SQLite, a fresh database file per test. */
class SqliteMessageStoreTest extends MessageStoreContract {
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

  @Test
  void reopen_keepsCommittedMessagesAndSeq() throws Exception {
    Fixture f = directWithMessages(3);
    db.close();

    db = Database.sqlite(dataDir, 256);
    JdbcMessageStore reopened = new JdbcMessageStore(db);

    assertThat(reopened.messages(f.c(), 1, null, null, 10))
        .extracting(Message::body)
        .containsExactly("message 1", "message 2", "message 3");
    var next =
        await(
            reopened.append(
                new NewMessage(f.c(), f.a(), null, "after-restart", tick(), "4", List.of())));
    assertThat(next.message().seq()).isEqualTo(4);
  }
}
