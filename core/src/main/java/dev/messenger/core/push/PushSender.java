package dev.messenger.core.push;

import dev.messenger.core.accounts.Device;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one push message to one subscription (PROTOCOL.md "Push" and section 9). The server's
 * adapters speak Web Push (RFC 8030/8291/8292), FCM HTTP v1 and APNs. <b>At most once</b>: a sender
 * does not retry; {@link PushDispatcher} does, from the {@link PushResult}.
 *
 * <p>Implementations are thread-safe and do not block the caller: the future completes when the
 * push service answered, and never fails (a network error is {@link PushResult.Outcome#RETRY}).
 */
public interface PushSender {
  /**
   * @param subscription the device's subscription
   * @param message what to say; the adapter shapes it as its protocol needs (Web Push: {@link
   *     PushMessage#json()} encrypted, with a {@code Topic} from the conversation id)
   */
  CompletableFuture<PushResult> send(Device.PushSubscription subscription, PushMessage message);
}
