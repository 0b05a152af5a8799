package dev.messenger.server.changes;

import dev.messenger.server.TestNode;
import org.junit.jupiter.api.BeforeAll;

/** PROTOCOL.md section 4 end to end on the embedded store. */
class SqliteMessageChangesE2ETest extends MessageChangesE2E {
  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(ChangesNodes.sqlite(WINDOW));
  }
}
