package dev.messenger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a database: the writer's queue bound reaches the writer. */
class DatabaseTest {
  @TempDir Path dataDir;

  @Test
  void sqlite_withoutBound_queuesTenThousandWrites() throws Exception {
    try (Database db = Database.sqlite(dataDir, 16)) {
      assertThat(db.writer().maxQueuedWrites()).isEqualTo(10_000);
    }
  }

  @Test
  void sqlite_bound_isTheWritersQueueBound() throws Exception {
    try (Database db = Database.sqlite(dataDir, 16, 32)) {
      assertThat(db.writer().maxQueuedWrites()).isEqualTo(32);
    }
  }
}
