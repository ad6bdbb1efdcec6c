package dev.switchboard.config;

/**
 * The shared Redis connection ({@code database.redis.*}, as in Sockudo), used by the cluster adapter, the
 * rate limiter and the channel cache unless a component is given its own URL.
 */
public final class RedisSettings {
  private RedisSettings() {}

  /** {@code override} (a component's own URL key) if set, else {@code database.redis.url}, else built. */
  public static String url(ConfigTree t, String overrideKey) {
    String url = t.string(overrideKey, t.string("database.redis.url", null));
    if (url != null) {
      return url;
    }
    String user = t.string("database.redis.username", "");
    String pass = t.string("database.redis.password", "");
    String auth = pass.isEmpty() ? "" : (user.isEmpty() ? ":" + pass : user + ":" + pass) + "@";
    return "redis://" + auth + t.string("database.redis.host", "127.0.0.1") + ":"
        + t.integer("database.redis.port", 6379) + "/" + t.integer("database.redis.db", 0);
  }

  /** Key prefix for everything Switchboard stores in Redis. */
  public static String prefix(ConfigTree t) {
    return t.string("database.redis.key_prefix", "switchboard");
  }
}
