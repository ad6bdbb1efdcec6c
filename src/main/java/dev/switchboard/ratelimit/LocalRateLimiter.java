package dev.switchboard.ratelimit;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;

/** In-process token buckets, one per key; each bucket is updated under its own lock. */
public final class LocalRateLimiter implements RateLimiter {
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  @Override
  public Future<RateDecision> consume(String key, int points, int perSecond) {
    if (perSecond < 0) {
      return Future.succeededFuture(RateDecision.UNLIMITED);
    }
    TokenBucket b = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond));
    synchronized (b) {
      if (b.tryTake(points, perSecond)) {
        return Future.succeededFuture(new RateDecision(true, 0, 0));
      }
      int wait = (int) Math.ceil(b.secondsUntil(Math.min(points, Math.max(perSecond, 1)), perSecond));
      return Future.succeededFuture(new RateDecision(false, Math.max(1, wait), 0));
    }
  }
}
