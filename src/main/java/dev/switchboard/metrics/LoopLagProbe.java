package dev.switchboard.metrics;

import dev.switchboard.core.Loop;

/**
 * Measures how late one event loop runs a task scheduled at a fixed rate: a loop busy with long tasks (a
 * blocking call, a huge fan-out) runs it late by about as long as it was stuck. {@code event_loop_lag_seconds}
 * shows the worst lag of the current and the previous {@link #WINDOW_MS} window, so a stall of a second
 * is still on the gauge at the next scrape instead of only until the next probe.
 */
final class LoopLagProbe implements Runnable {
  static final long PERIOD_MS = 500;
  static final long WINDOW_MS = 10_000;
  private static final long PERIOD_NANOS = PERIOD_MS * 1_000_000;
  private static final long WINDOW_NANOS = WINDOW_MS * 1_000_000;
  /** When the next run is due, and when the current window began; written only on the loop after the start. */
  private long due;
  private long windowStart;
  private volatile long currentMax;
  private volatile long previousMax;

  LoopLagProbe(Loop loop) {
    this.due = System.nanoTime() + PERIOD_NANOS;
    this.windowStart = due;
    loop.every(PERIOD_MS, this);
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    long lag = Math.max(0, now - due);
    due += PERIOD_NANOS;
    if (now - windowStart >= WINDOW_NANOS) {
      previousMax = currentMax;
      currentMax = 0;
      windowStart = now;
    }
    if (lag > currentMax) {
      currentMax = lag;
    }
  }

  /** The worst lag of the last 10 to 20 seconds. */
  double seconds() {
    return Math.max(currentMax, previousMax) / 1e9;
  }
}
