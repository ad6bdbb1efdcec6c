package dev.switchboard.metrics;

import dev.switchboard.core.Loop;

/**
 * Measures how late one event loop runs a task scheduled at a fixed rate: a loop busy with long tasks (a
 * blocking call, a huge fan-out) runs it late by about as long as it was stuck. The lag of the last probe is
 * what {@code event_loop_lag_seconds} shows; runs that catch up after a stall show the lag shrinking.
 */
final class LoopLagProbe implements Runnable {
  static final long PERIOD_MS = 500;
  private static final long PERIOD_NANOS = PERIOD_MS * 1_000_000;
  /** When the next run is due; written only on the loop after the first run. */
  private long due;
  private volatile long lagNanos;

  LoopLagProbe(Loop loop) {
    this.due = System.nanoTime() + PERIOD_NANOS;
    loop.every(PERIOD_MS, this);
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    lagNanos = Math.max(0, now - due);
    due += PERIOD_NANOS;
  }

  double seconds() {
    return lagNanos / 1e9;
  }
}
