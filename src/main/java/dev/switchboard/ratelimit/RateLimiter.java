package dev.switchboard.ratelimit;

import io.vertx.core.Future;

/**
 * Per-app request limits shared by the HTTP API (backend events, read requests). The {@code local} driver
 * keeps buckets in this process; a cluster driver keeps them where every node sees them.
 *
 * <p>Contract: never blocks; the future completes with the decision, or fails when the backing store
 * cannot answer (callers then let the request through rather than fail closed).
 */
public interface RateLimiter {
  /** Tries to consume {@code points} from the bucket {@code key} that allows {@code perSecond} per second. */
  Future<RateDecision> consume(String key, int points, int perSecond);
}
