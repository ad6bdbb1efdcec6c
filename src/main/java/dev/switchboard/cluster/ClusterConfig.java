package dev.switchboard.cluster;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.RedisSettings;
import java.util.Locale;
import java.util.Set;

/**
 * {@code adapter.*}: which broker connects the nodes and how. Redis settings come from
 * {@code database.redis.*} (shared with other Redis users, as in Sockudo) or one {@code adapter.redis.url}.
 */
public record ClusterConfig(String driver, String redisUrl, String prefix, String natsServers, String natsUser,
    String natsPassword, String natsToken, int heartbeatMs, int nodeTimeoutMs) {

  static final Set<String> DRIVERS = Set.of("local", "redis", "nats");

  public ClusterConfig {
    if (!DRIVERS.contains(driver)) {
      throw ConfigException.invalid("adapter.driver", driver, "one of local, redis, nats");
    }
    if (heartbeatMs < 50) {
      throw ConfigException.invalid("adapter.heartbeat_interval_ms", heartbeatMs, "at least 50");
    }
    if (nodeTimeoutMs <= heartbeatMs * 2) {
      throw ConfigException.invalid("adapter.node_timeout_ms", nodeTimeoutMs,
          "more than twice adapter.heartbeat_interval_ms (" + heartbeatMs + ")");
    }
  }

  public static ClusterConfig from(ConfigTree t) {
    String driver = t.string("adapter.driver", "local").toLowerCase(Locale.ROOT);
    String prefix = t.string("adapter.redis.prefix", t.string("adapter.nats.prefix",
        RedisSettings.prefix(t)));
    return new ClusterConfig(driver, RedisSettings.url(t, "adapter.redis.url"), prefix,
        t.string("adapter.nats.servers", "nats://127.0.0.1:4222"),
        t.string("adapter.nats.user", null), t.string("adapter.nats.password", null),
        t.string("adapter.nats.token", null), t.integer("adapter.heartbeat_interval_ms", 1000),
        t.integer("adapter.node_timeout_ms", 5000));
  }
}
