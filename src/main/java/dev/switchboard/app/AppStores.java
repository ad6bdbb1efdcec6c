package dev.switchboard.app;

import dev.switchboard.app.store.cassandra.CassandraAppStore;
import dev.switchboard.app.store.cassandra.CassandraStoreConfig;
import dev.switchboard.app.store.dynamodb.DynamoDbAppStore;
import dev.switchboard.app.store.dynamodb.DynamoDbStoreConfig;
import dev.switchboard.app.store.memory.MemoryAppStore;
import dev.switchboard.app.store.sql.SqlAppStore;
import dev.switchboard.app.store.sql.SqlStoreConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ServerConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The one place that maps {@code app_manager.driver} to a driver. Database drivers are wrapped in a
 * {@link CachingAppStore} unless {@code app_manager.cache.enabled} is false. A driver whose settings are
 * invalid fails here with a {@link ConfigException} naming the key; a database that is merely down does not.
 */
public final class AppStores {
  /** The read side and the write side of one opened store; closing {@link #store} releases both. */
  public record Opened(AppStore store, AppAdmin admin) {}

  private AppStores() {}

  public static AppStore create(Vertx vertx, ServerConfig config) {
    return open(vertx, config).store();
  }

  /** Opens the configured store with its admin side, cached as the server uses it. */
  public static Opened open(Vertx vertx, ServerConfig config) {
    Opened raw = driver(vertx, config);
    if (raw.store() instanceof MemoryAppStore || !config.appCacheEnabled() || config.appCacheTtlSec() <= 0) {
      return raw;
    }
    int negative = negativeTtlSec(config);
    CachingAppStore cached = new CachingAppStore(raw.store(), raw.admin(),
        Duration.ofSeconds(config.appCacheTtlSec()), Duration.ofSeconds(negative));
    return new Opened(cached, cached);
  }

  /** {@code app_manager.cache.negative_ttl}: seconds an unknown id or key is remembered as absent. */
  static int negativeTtlSec(ServerConfig config) {
    int negative = config.tree().integer("app_manager.cache.negative_ttl", 10);
    if (negative < 0) {
      throw ConfigException.invalid("app_manager.cache.negative_ttl", negative, "0 or more seconds");
    }
    return negative;
  }

  private static Opened driver(Vertx vertx, ServerConfig config) {
    return switch (config.appManagerDriver()) {
      case "memory", "array" -> both(new MemoryAppStore(config.apps(), config.limits()));
      case "mysql" -> both(new SqlAppStore(vertx, SqlStoreConfig.from(config.tree(), "mysql"), config.limits()));
      case "postgres", "postgresql" ->
          both(new SqlAppStore(vertx, SqlStoreConfig.from(config.tree(), "postgres"), config.limits()));
      case "dynamodb" -> both(new DynamoDbAppStore(vertx, DynamoDbStoreConfig.from(config.tree()), config.limits()));
      case "scylladb", "cassandra" ->
          both(new CassandraAppStore(vertx, CassandraStoreConfig.from(config.tree()), config.limits()));
      default -> throw ConfigException.invalid("app_manager.driver", config.appManagerDriver(),
          "one of memory, mysql, postgres, dynamodb, scylladb");
    };
  }

  private static <T extends AppStore & AppAdmin> Opened both(T store) {
    return new Opened(store, store);
  }
}
