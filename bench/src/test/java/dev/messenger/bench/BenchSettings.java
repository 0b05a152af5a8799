package dev.messenger.bench;

import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.LimitSettings;
import dev.messenger.server.settings.NodeSettings;
import dev.messenger.server.settings.Settings;
import java.nio.file.Path;

/** Settings of the in-process node the scenario tests run against. */
final class BenchSettings {
  private BenchSettings() {}

  /**
   * Port 0, data in {@code dataDir}, cheap Argon2, and rate limits off as for a benchmark run (one
   * IP registers every user).
   */
  static Settings node(Path dataDir) {
    return Settings.defaults()
        .with(
            b ->
                b.set(NodeSettings.PORT, 0)
                    .set(NodeSettings.DATA_DIR, dataDir)
                    .set(AccountSettings.ARGON2_MEMORY_KIB, 1024)
                    .set(LimitSettings.RATE_SENDS, 0)
                    .set(LimitSettings.RATE_FRAMES, 0)
                    .set(LimitSettings.RATE_LOGINS_IP, 0)
                    .set(LimitSettings.RATE_LOGINS_USER, 0)
                    .set(LimitSettings.RATE_REGISTRATIONS_IP, 0));
  }
}
