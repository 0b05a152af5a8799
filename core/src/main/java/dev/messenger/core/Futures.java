package dev.messenger.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * For methods that report every failure through the future they return, never by throwing: a caller
 * then handles failures in one place. Stateless.
 */
public final class Futures {
  private Futures() {}

  /**
   * The future {@code call} returns, or, if it throws, a future already failed with what it threw
   * (a {@link MessengerException} for a broken rule, anything else for a bug). Runs {@code call} on
   * the calling thread.
   */
  public static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
