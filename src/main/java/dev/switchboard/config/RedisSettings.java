package dev.switchboard.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shared Redis connection ({@code database.redis.*}, as in Sockudo), used by the cluster adapter, the
 * rate limiter and the channel cache unless a component is given its own URL.
 */
public final class RedisSettings {
  private static final List<String> PARTS = List.of("database.redis.host", "database.redis.port",
      "database.redis.db", "database.redis.username", "database.redis.password");

  private RedisSettings() {}

  /**
   * {@code overrideKey} (a component's own URL key) if set, else {@code database.redis.url}, else one built
   * from {@code database.redis.*} when any part of it is set, else the adapter's {@code adapter.redis.url}
   * ({@code REDIS_URL}: a deployment that names one Redis means it for everything), else 127.0.0.1:6379.
   */
  public static String url(ConfigTree t, String overrideKey) {
    String url = t.string(overrideKey, t.string("database.redis.url", null));
    if (url != null) {
      return url;
    }
    boolean explicit = PARTS.stream().anyMatch(p -> t.node(p) != null);
    String adapterUrl = t.string("adapter.redis.url", null);
    if (!explicit && adapterUrl != null) {
      return adapterUrl;
    }
    String user = encode(t.string("database.redis.username", ""));
    String pass = encode(t.string("database.redis.password", ""));
    String auth = pass.isEmpty() ? "" : (user.isEmpty() ? ":" + pass : user + ":" + pass) + "@";
    return "redis://" + auth + t.string("database.redis.host", "127.0.0.1") + ":"
        + t.integer("database.redis.port", 6379) + "/" + t.integer("database.redis.db", 0);
  }

  /** {@code url} with its credentials replaced by {@code ***}, for error messages and logs. */
  public static String redacted(String url) {
    return dev.switchboard.logging.LogSafe.url(url);
  }

  /** Key prefix for everything Switchboard stores in Redis. */
  public static String prefix(ConfigTree t) {
    return t.string("database.redis.key_prefix", "switchboard");
  }

  /**
   * Percent-encodes a URL user-info part: a password with '@', ':', '/' or '%' would otherwise break the
   * URL (or log in with the wrong secret). Everything but RFC 3986 unreserved characters is encoded.
   */
  static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
