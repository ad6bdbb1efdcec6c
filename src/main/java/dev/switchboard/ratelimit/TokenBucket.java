package dev.switchboard.ratelimit;

/**
 * A per-second token bucket for one owner on one thread (e.g. a socket's client events): refills
 * {@code perSecond} tokens per second, holds at most {@code perSecond}. Not thread-safe by design.
 */
public final class TokenBucket {
  private double tokens;
  private long lastNanos = System.nanoTime();

  public TokenBucket(int perSecond) {
    this.tokens = perSecond;
  }

  /** Takes {@code n} tokens if available; a negative limit means unlimited. */
  public boolean tryTake(int n, int perSecond) {
    if (perSecond < 0) {
      return true;
    }
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
    lastNanos = now;
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }

  /** Seconds until {@code n} tokens are available. */
  public double secondsUntil(int n, int perSecond) {
    return perSecond <= 0 ? 1 : Math.max(0, (n - tokens) / perSecond);
  }
}
