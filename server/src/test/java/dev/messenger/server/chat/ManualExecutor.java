package dev.messenger.server.chat;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor that holds tasks until the test runs them, optionally refusing tasks past a limit (a
 * full worker pool). Not thread-safe.
 */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  int limit = Integer.MAX_VALUE;
  boolean direct;

  @Override
  public void execute(Runnable task) {
    if (tasks.size() >= limit) {
      throw new RejectedExecutionException("full");
    }
    if (direct) {
      task.run();
    } else {
      tasks.add(task);
    }
  }

  /** Runs tasks, including those they add, until none is left. */
  void runAll() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      t.run();
    }
  }

  int pending() {
    return tasks.size();
  }
}
