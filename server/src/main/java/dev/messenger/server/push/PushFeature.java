package dev.messenger.server.push;

import dev.messenger.core.Timers;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import dev.messenger.core.presence.PresenceRegistry;
import dev.messenger.core.push.EndpointGuard;
import dev.messenger.core.push.PushDirectory;
import dev.messenger.core.push.PushDispatcher;
import dev.messenger.core.push.PushOutcomeStore;
import dev.messenger.core.push.PushSender;
import dev.messenger.core.push.PushStats;
import dev.messenger.core.push.PushSubscriptions;
import dev.messenger.server.metrics.Metrics;
import dev.messenger.server.settings.PhonePushSettings;
import dev.messenger.server.settings.PushSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The push feature of a node, built from its settings (PROTOCOL.md "Push" and section 9): the VAPID
 * keys and the Web Push sender, the FCM sender when {@code fcm-credentials-file} is set, the APNs
 * sender when {@code apns-key-file} is set, the core dispatcher (its own thread, a bounded queue,
 * at most 64 sends in flight over all types) and the subscription rules (SSRF guard). Thread-safe;
 * close it with the node (pending pushes are dropped).
 *
 * @param keys the VAPID key pair
 * @param dispatcher decides whom to push; the {@link dev.messenger.core.messaging.Messaging}
 *     listener
 * @param subscriptions sets and clears device subscriptions
 * @param stats counters of push outcomes
 * @param closeables what {@link #close} stops besides the dispatcher (the DNS threads)
 */
public record PushFeature(
    VapidKeys keys,
    PushDispatcher dispatcher,
    PushSubscriptions subscriptions,
    PushStats stats,
    AutoCloseable closeables)
    implements AutoCloseable {

  /**
   * @param outcomes records each device's push status and deletes invalid subscriptions
   * @param directory display names (previews) and unread totals (APNs badges)
   * @param timers schedules retries
   * @throws IOException if the VAPID key file, the FCM credentials or the APNs key cannot be read
   * @throws IllegalArgumentException if the FCM credentials or the APNs key are malformed
   */
  public static PushFeature open(
      PushSettings settings,
      Path dataDir,
      AccountStore accounts,
      PresenceRegistry presence,
      PushOutcomeStore outcomes,
      PushDirectory directory,
      Clock clock,
      Timers timers)
      throws IOException {
    VapidKeys keys = VapidKeys.load(settings, dataDir);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    EndpointGuard guard = new EndpointGuard(settings.allowPrivate());
    // DNS look-ups of the send-time SSRF check; at most maxInFlight (64) wait here at once.
    ExecutorService dns =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "push-dns");
              t.setDaemon(true);
              return t;
            });
    Map<Kind, PushSender> senders = new EnumMap<>(Kind.class);
    senders.put(Kind.WEBPUSH, new WebPushSender(keys, settings.vapidSubject(), http, guard, dns));
    PhonePushSettings phone = settings.phone();
    if (!phone.fcmCredentialsFile().isEmpty()) {
      FcmCredentials credentials = FcmCredentials.load(Path.of(phone.fcmCredentialsFile()));
      senders.put(
          Kind.FCM,
          new FcmSender(
              phone.fcmEndpoint(),
              credentials,
              new FcmAccessTokens(credentials, http, clock),
              http));
    }
    if (!phone.apnsKeyFile().isEmpty()) {
      senders.put(Kind.APNS, ApnsSender.open(phone, clock));
    }
    RoutingPushSender router = new RoutingPushSender(senders);
    PushStats stats = new PushStats();
    PushDispatcher dispatcher =
        new PushDispatcher(
            accounts,
            presence,
            router,
            outcomes,
            directory,
            clock,
            timers,
            stats,
            PushDispatcher.Config.defaults().withPreview(settings.preview()),
            r -> {
              Thread t = new Thread(r, "push-dispatcher");
              t.setDaemon(true);
              return t;
            });
    AutoCloseable others = dns::shutdownNow;
    return new PushFeature(
        keys,
        dispatcher,
        new PushSubscriptions(accounts, settings.allowHttpEndpoints(), guard, router.kinds()),
        stats,
        others);
  }

  /** Registers the push counters on {@code /metrics}: totals, and per type and outcome. */
  public void registerMetrics(Metrics metrics) {
    metrics.counterFn("messenger.push.sent", "pushes accepted by push services", stats::sent);
    metrics.counterFn("messenger.push.failed", "pushes given up after retries", stats::failed);
    metrics.counterFn("messenger.push.expired", "subscriptions deleted as invalid", stats::expired);
    metrics.counterFn("messenger.push.retried", "push retries", stats::retried);
    metrics.counterFn(
        "messenger.push.coalesced", "pushes skipped within 10 s of the last", stats::coalesced);
    metrics.counterFn("messenger.push.dropped", "pushes dropped on a full queue", stats::dropped);
    for (Kind k : Kind.values()) {
      for (PushStats.Counted c : PushStats.Counted.values()) {
        metrics.counterFn(
            "messenger.push.outcomes",
            Map.of("type", k.wire(), "outcome", c.name().toLowerCase(java.util.Locale.ROOT)),
            "push outcomes by push type (webpush, fcm, apns) and outcome",
            () -> stats.count(k, c));
      }
    }
  }

  @Override
  public void close() {
    dispatcher.close();
    try {
      closeables.close();
    } catch (Exception e) {
      // Best effort at shutdown.
    }
  }
}
