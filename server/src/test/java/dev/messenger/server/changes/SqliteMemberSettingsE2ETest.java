package dev.messenger.server.changes;

import dev.messenger.server.TestNode;
import org.junit.jupiter.api.BeforeAll;

/** PROTOCOL.md section 5 end to end on the embedded store. */
class SqliteMemberSettingsE2ETest extends MemberSettingsE2E {
  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(ChangesNodes.sqlite(java.time.Duration.ofHours(48)));
  }
}
