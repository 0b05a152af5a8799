package dev.messenger.server.changes;

import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.MessagingSettings;
import dev.messenger.server.settings.Settings;
import java.time.Duration;

/**
 * Nodes for the section 4 and 5 end-to-end suites: on SQLite, or on a fresh PostgreSQL database.
 */
final class ChangesNodes {
  private ChangesNodes() {}

  static Settings sqlite(Duration window) throws Exception {
    return TestNode.testSettings()
        .with(
            b ->
                b.set(MessagingSettings.EDIT_WINDOW, window)
                    .set(MessagingSettings.DELETE_WINDOW, window));
  }

  /** On a new PostgreSQL database (skipped without PostgreSQL, failed under CI). */
  static Settings postgres(Duration window, String database) throws Exception {
    return sqlite(window)
        .with(TestNode.postgres(database, BusKind.LOCAL, ClusterServices.NATS, "changes"));
  }
}
