package dev.switchboard.webhook;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial * 2^(n-1))}, so receivers coming back up are not hit by every node at once.
 */
record RetryPolicy(long initialMs, long maxDelayMs, long maxElapsedMs) {
  static RetryPolicy of(WebhookConfig c) {
    return new RetryPolicy(c.retryInitialMs(), c.retryMaxDelayMs(), c.retryMaxElapsedMs());
  }

  /** The delay before attempt {@code attempt + 1}, after {@code attempt} failures. */
  long delay(int attempt) {
    long d = initialMs << Math.min(30, Math.max(0, attempt - 1));
    d = Math.min(maxDelayMs, d < 0 ? maxDelayMs : d);
    return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
  }

  /** True when waiting {@code delay} more would pass the total budget counted from {@code startMs}. */
  boolean exhausted(long startMs, long nowMs, long delay) {
    return nowMs + delay - startMs > maxElapsedMs;
  }
}
