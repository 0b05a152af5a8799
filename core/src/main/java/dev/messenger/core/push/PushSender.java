package dev.messenger.core.push;

import dev.messenger.core.accounts.Device;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one push message to one subscription (PROTOCOL.md "Push"). The server's adapter speaks
 * Web Push (RFC 8030, payload encrypted per RFC 8291, VAPID per RFC 8292). <b>At most once</b>: the
 * sender does not retry; {@link PushDispatcher} does, from the {@link PushResult}.
 *
 * <p>Implementations are thread-safe and do not block the caller: the future completes when the
 * push service answered, and never fails (a network error is {@link PushResult.Outcome#RETRY}).
 */
public interface PushSender {
  /**
   * @param subscription the device's subscription
   * @param payload the plaintext to encrypt, at most 3,000 bytes
   * @param topic a key of the notification: a newer push with the same topic may replace one the
   *     push service still holds (the conversation id; the adapter shapes it as the protocol needs)
   */
  CompletableFuture<PushResult> send(
      Device.PushSubscription subscription, byte[] payload, String topic);
}
