package dev.switchboard.queue.redis;

import dev.switchboard.config.ConfigTree;
import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * {@code queue.redis.*}: the connection ({@code queue.redis.url}, else {@code database.redis.host},
 * {@code .port}, {@code .password}, {@code .db}) and this worker's consumer name in the group.
 */
record RedisQueueSettings(String url, String consumer) {
  static RedisQueueSettings from(ConfigTree t) {
    String url = t.string("queue.redis.url", null);
    if (url == null || url.isBlank()) {
      String password = t.string("database.redis.password", "");
      url = "redis://" + (password.isEmpty() ? "" : ":" + password + "@")
          + t.string("database.redis.host", "127.0.0.1") + ":" + t.integer("database.redis.port", 6379)
          + "/" + t.integer("database.redis.db", 0);
    }
    // unique per process: a restarted worker is a new consumer and claims what the old one left behind
    String consumer = t.string("queue.redis.consumer", ManagementFactory.getRuntimeMXBean().getName() + "-"
        + UUID.randomUUID().toString().substring(0, 8));
    return new RedisQueueSettings(url, consumer);
  }
}
