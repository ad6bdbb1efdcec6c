package dev.switchboard.gateway.sink;

/**
 * How {@link RetryingSink} retries: {@code retries} after the first attempt, waiting {@code backoffMs},
 * doubling up to {@code maxBackoffMs} (each wait jittered down by up to half), with at most {@code maxPending}
 * messages waiting for a retry at once; an attempt the backend has not settled within {@code sendTimeoutMs}
 * counts as failed (its late answer is ignored, so a retry after it may duplicate the message).
 */
public record RetryPolicy(int retries, long backoffMs, long maxBackoffMs, int maxPending, long sendTimeoutMs) {
  public static final int RETRIES = 5;
  public static final long BACKOFF_MS = 200;
  public static final long MAX_BACKOFF_MS = 30_000;
  public static final int MAX_PENDING = 10_000;
  public static final long SEND_TIMEOUT_MS = 10_000;

  public RetryPolicy {
    if (retries < 0 || backoffMs < 1 || maxBackoffMs < backoffMs || maxPending < 0 || sendTimeoutMs < 1) {
      throw new IllegalArgumentException("invalid retry policy " + retries + "/" + backoffMs + "/" + maxBackoffMs
          + "/" + maxPending + "/" + sendTimeoutMs);
    }
  }

  /**
   * {@code retries}, {@code retry_backoff_ms}, {@code retry_max_backoff_ms}, {@code max_pending},
   * {@code send_timeout_ms}.
   */
  public static RetryPolicy from(SinkConfig c) {
    int retries = (int) c.integer("retries", RETRIES, 0, 100);
    long backoff = c.integer("retry_backoff_ms", BACKOFF_MS, 1, 600_000);
    long max = c.integer("retry_max_backoff_ms", Math.max(MAX_BACKOFF_MS, backoff), backoff, 3_600_000);
    int pending = (int) c.integer("max_pending", MAX_PENDING, 0, 10_000_000);
    long timeout = c.integer("send_timeout_ms", SEND_TIMEOUT_MS, 1, 600_000);
    return new RetryPolicy(retries, backoff, max, pending, timeout);
  }

  /** The wait before retry number {@code retry} (1-based), before jitter. */
  public long delayMs(int retry) {
    int shift = Math.min(retry - 1, 30);
    return Math.min(maxBackoffMs, backoffMs << shift);
  }
}
