package dev.switchboard.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one occurrence through per interval, so a condition that repeats many times a second (every refused
 * connect, every failed publish) logs one line per interval instead of flooding the log. Thread-safe.
 */
public final class LogThrottle {
  private final long everyNanos;
  private final AtomicLong last;

  public LogThrottle(Duration every) {
    this.everyNanos = every.toNanos();
    this.last = new AtomicLong(System.nanoTime() - everyNanos);
  }

  /** True for the first call of each interval; the caller logs only then. */
  public boolean allow() {
    long now = System.nanoTime();
    long prev = last.get();
    return now - prev >= everyNanos && last.compareAndSet(prev, now);
  }
}
