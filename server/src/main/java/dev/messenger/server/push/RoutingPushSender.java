package dev.messenger.server.push;

import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.Device.PushSubscription.Kind;
import dev.messenger.core.push.PushMessage;
import dev.messenger.core.push.PushResult;
import dev.messenger.core.push.PushSender;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link PushSender} the dispatcher uses: hands each push to the sender of its subscription's
 * type (Web Push, FCM, APNs; PROTOCOL.md section 9). A type without a configured sender (its
 * credentials were removed after devices subscribed) fails with a reason naming the setting.
 * Thread-safe if the senders are.
 */
final class RoutingPushSender implements PushSender {
  private final Map<Kind, PushSender> senders;

  RoutingPushSender(Map<Kind, PushSender> senders) {
    this.senders = new EnumMap<>(senders);
  }

  /** The push types that have a sender. */
  Set<Kind> kinds() {
    return senders.keySet();
  }

  @Override
  public CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, PushMessage message) {
    PushSender s = senders.get(subscription.kind());
    if (s == null) {
      return CompletableFuture.completedFuture(
          PushResult.failed(subscription.kind().wire() + " push is not configured on this server"));
    }
    return s.send(subscription, message);
  }
}
