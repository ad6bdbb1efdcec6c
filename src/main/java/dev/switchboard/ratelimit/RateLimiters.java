package dev.switchboard.ratelimit;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.RedisSettings;
import dev.switchboard.ratelimit.redis.RedisRateLimiter;
import io.vertx.core.Vertx;
import java.util.Locale;

/** The one place that maps {@code rate_limiter.driver} to a driver. */
public final class RateLimiters {
  private RateLimiters() {}

  public static RateLimiter create(Vertx vertx, ConfigTree t) {
    String driver = t.string("rate_limiter.driver", "local").toLowerCase(Locale.ROOT);
    return switch (driver) {
      case "local", "memory" -> new LocalRateLimiter();
      case "redis" -> new RedisRateLimiter(vertx, RedisSettings.url(t, "rate_limiter.redis.url"),
          RedisSettings.prefix(t));
      default -> throw ConfigException.invalid("rate_limiter.driver", driver, "local or redis");
    };
  }
}
