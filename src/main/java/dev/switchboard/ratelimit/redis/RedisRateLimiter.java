package dev.switchboard.ratelimit.redis;

import dev.switchboard.ratelimit.RateDecision;
import dev.switchboard.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/**
 * Cluster-wide per-second limits in Redis: one counter per bucket and second, incremented atomically by a
 * small Lua script that also sets its expiry, so every node sees the same count.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final String SCRIPT = "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) "
      + "if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], 2000) end return c";
  private final Redis client;
  private final RedisAPI redis;
  private final String prefix;

  public RedisRateLimiter(Vertx vertx, String url, String prefix) {
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(8)
        .setMaxPoolWaiting(10_000));
    this.redis = RedisAPI.api(client);
    this.prefix = prefix + ":rl:";
  }

  @Override
  public Future<RateDecision> consume(String key, int points, int perSecond) {
    if (perSecond < 0) {
      return Future.succeededFuture(RateDecision.UNLIMITED);
    }
    long second = System.currentTimeMillis() / 1000;
    return redis.eval(List.of(SCRIPT, "1", prefix + key + ":" + second, Integer.toString(points)))
        .map(r -> {
          long used = r.toLong();
          return used <= perSecond ? new RateDecision(true, 0, (int) (perSecond - used))
              : new RateDecision(false, 1, 0);
        });
  }
}
