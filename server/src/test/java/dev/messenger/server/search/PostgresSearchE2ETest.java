package dev.messenger.server.search;

import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.BusKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Search on PostgreSQL (its text search, with unaccent). */
class PostgresSearchE2ETest extends SearchE2E {
  private static String database;

  @BeforeAll
  static void start() throws Exception {
    ClusterServices.require();
    database = ClusterServices.newDatabase();
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(TestNode.postgres(database, BusKind.LOCAL, ClusterServices.NATS, "search")));
  }

  @AfterAll
  static void dropDatabase() {
    stop();
    if (database != null) {
      ClusterServices.dropDatabase(database);
    }
  }
}
