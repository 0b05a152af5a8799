package dev.messenger.server.search;

import dev.messenger.server.TestNode;
import org.junit.jupiter.api.BeforeAll;

/** Search on the embedded store (SQLite FTS5). */
class SqliteSearchE2ETest extends SearchE2E {
  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }
}
