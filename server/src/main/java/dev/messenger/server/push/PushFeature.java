package dev.messenger.server.push;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.presence.PresenceRegistry;
import dev.messenger.core.push.PushDispatcher;
import dev.messenger.core.push.PushStats;
import dev.messenger.core.push.PushSubscriptions;
import dev.messenger.server.settings.PushSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The push feature of a node, built from its settings (PROTOCOL.md "Push"): the VAPID keys, the Web
 * Push sender, the core dispatcher (its own thread, a bounded queue) and the subscription rules.
 * Thread-safe; close it with the node (pending pushes are dropped).
 *
 * @param keys the VAPID key pair
 * @param dispatcher decides whom to push; the {@link dev.messenger.core.messaging.Messaging}
 *     listener
 * @param subscriptions sets and clears device subscriptions
 * @param stats counters of push outcomes
 */
public record PushFeature(
    VapidKeys keys, PushDispatcher dispatcher, PushSubscriptions subscriptions, PushStats stats)
    implements AutoCloseable {

  /**
   * @param timers schedules retries
   * @throws IOException if the VAPID key file cannot be read or written
   */
  public static PushFeature open(
      PushSettings settings,
      Path dataDir,
      AccountStore accounts,
      PresenceRegistry presence,
      Clock clock,
      Timers timers)
      throws IOException {
    VapidKeys keys = VapidKeys.load(settings, dataDir);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    PushStats stats = new PushStats();
    PushDispatcher dispatcher =
        new PushDispatcher(
            accounts,
            presence,
            new WebPushSender(keys, settings.vapidSubject(), http),
            clock,
            timers,
            stats,
            PushDispatcher.Config.defaults(),
            r -> {
              Thread t = new Thread(r, "push-dispatcher");
              t.setDaemon(true);
              return t;
            });
    return new PushFeature(
        keys, dispatcher, new PushSubscriptions(accounts, settings.allowHttpEndpoints()), stats);
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
