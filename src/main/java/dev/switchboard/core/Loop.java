package dev.switchboard.core;

import java.util.concurrent.Executor;

/**
 * One event loop. Connections are pinned to a loop; fan-out submits one task per loop that has
 * subscribers. {@link #execute} runs tasks in submission order.
 */
public interface Loop extends Executor {
  /** Dense index from 0 to loop count − 1, used to group subscribers. */
  int index();

  boolean inLoop();

  /** Runs {@code task} on this loop every {@code periodMs}. */
  void every(long periodMs, Runnable task);

  /** Runs {@code task} on this loop once after {@code delayMs}. */
  void after(long delayMs, Runnable task);

  /**
   * Runs {@code task} on this loop once the frames written on it so far have gone to their sockets: a loop
   * that batches flushes runs it after the pass that carries them, one that does not (this default) as a
   * task. Called on the loop.
   */
  default void afterWrites(Runnable task) {
    execute(task);
  }
}
