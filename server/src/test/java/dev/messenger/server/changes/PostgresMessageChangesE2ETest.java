package dev.messenger.server.changes;

import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** PROTOCOL.md section 4 end to end on PostgreSQL. */
class PostgresMessageChangesE2ETest extends MessageChangesE2E {
  private static String database;

  @BeforeAll
  static void start() throws Exception {
    ClusterServices.require();
    database = ClusterServices.newDatabase();
    node = TestNode.start(ChangesNodes.postgres(WINDOW, database));
  }

  @AfterAll
  static void dropDatabase() {
    stop();
    if (database != null) {
      ClusterServices.dropDatabase(database);
    }
  }
}
