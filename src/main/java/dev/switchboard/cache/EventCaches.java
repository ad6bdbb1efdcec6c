package dev.switchboard.cache;

import dev.switchboard.cache.redis.RedisEventCache;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.RedisSettings;
import dev.switchboard.core.EventCache;
import io.vertx.core.Vertx;
import java.util.Locale;

/** The one place that maps {@code cache.driver} to a driver. */
public final class EventCaches {
  private EventCaches() {}

  public static EventCache create(Vertx vertx, ConfigTree t) {
    String driver = t.string("cache.driver", "memory").toLowerCase(Locale.ROOT);
    return switch (driver) {
      case "memory", "local", "none" -> EventCache.NONE;
      case "redis" -> new RedisEventCache(vertx, RedisSettings.url(t, "cache.redis.url"), RedisSettings.prefix(t));
      default -> throw ConfigException.invalid("cache.driver", driver, "memory or redis");
    };
  }
}
