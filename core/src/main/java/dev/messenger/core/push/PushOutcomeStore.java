package dev.messenger.core.push;

import java.util.concurrent.CompletableFuture;

/**
 * Where push outcomes are written (PROTOCOL.md section 9: each device's last success and last error
 * show in {@code GET /api/v1/devices}; an invalid token is deleted). Futures complete once the
 * change is committed. Implementations are thread-safe.
 */
public interface PushOutcomeStore {
  /** Records a push outcome on the device: success at {@code successAt} (ms), or the error text. */
  CompletableFuture<Void> setPushOutcome(String deviceId, long successAt, String error);

  /**
   * Deletes the device's subscription if its endpoint (or token) is still {@code endpoint} (the
   * device may have subscribed anew meanwhile), keeping its type and recording {@code error} as the
   * last error, so the device list still shows why.
   */
  CompletableFuture<Void> dropPush(String deviceId, String endpoint, String error);
}
