package dev.messenger.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assertions on failures that may come either way the domain reports them: thrown at once, or as
 * the failure of a returned future (waited for up to 10 s).
 */
public final class Failures {
  /** How long a returned future is waited for. */
  public static final long WAIT_SECONDS = 10;

  private Failures() {}

  /** Something to call that may throw or return a future. */
  @FunctionalInterface
  public interface Call {
    Object call() throws Exception;
  }

  /**
   * Calls {@code call} and returns the {@link MessengerException} it threw or its future failed
   * with; fails the test if it succeeded or failed with anything else.
   */
  public static MessengerException failureOf(Call call) {
    Object result;
    try {
      result = call.call();
    } catch (MessengerException e) {
      return e;
    } catch (Exception e) {
      return unwrapOrFail(e);
    }
    Future<?> future =
        result instanceof CompletionStage<?> stage
            ? stage.toCompletableFuture()
            : result instanceof Future<?> f ? f : null;
    if (future == null) {
      return fail("expected a failure but got " + result);
    }
    try {
      Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return fail("expected a failure but the future completed with " + value);
    } catch (ExecutionException e) {
      return unwrapOrFail(e);
    } catch (TimeoutException e) {
      return fail("the future did not complete within " + WAIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Asserts that {@code call} fails with {@code code}; returns the failure. */
  public static MessengerException assertFailsWith(ErrorCode code, Call call) {
    MessengerException e = failureOf(call);
    assertThat(e.code()).as("error code (message: %s)", e.getMessage()).isEqualTo(code);
    return e;
  }

  /** Something to call that returns a future. */
  @FunctionalInterface
  public interface FutureCall {
    CompletionStage<?> call();
  }

  /**
   * Asserts that {@code call} returns a future (without throwing) and that the future fails with
   * {@code code}; returns the failure. For methods that report every failure through their future.
   */
  public static MessengerException assertFutureFailsWith(ErrorCode code, FutureCall call) {
    CompletionStage<?> stage;
    try {
      stage = call.call();
    } catch (RuntimeException e) {
      throw new AssertionError("expected a failed future but the call threw " + e, e);
    }
    return assertFailsWith(code, () -> stage);
  }

  /** The value of {@code future}, waited for up to 10 s; fails the test if it failed. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static MessengerException unwrapOrFail(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof MessengerException me) {
        return me;
      }
      c = c.getCause();
    }
    throw new AssertionError("expected a MessengerException but got " + t, t);
  }
}
