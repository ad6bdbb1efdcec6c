package dev.switchboard.cluster.redis;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.RedisSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Redis rate limiter and event cache keep keys with a plain (non-cluster) client: a Redis Cluster node
 * would answer most of them with MOVED and every limit check or cache write would fail at run time. So at
 * start each of them asks its Redis whether it is a cluster node, and the start fails with one line naming
 * the key. An unreachable Redis, or one that refuses INFO, does not stop the start: the drivers cope then.
 */
public final class StandaloneRedisCheck {
  private static final long TIMEOUT_MS = 3_000;

  private StandaloneRedisCheck() {}

  public static Future<Void> run(Vertx vertx, ConfigTree t) {
    List<Future<Void>> checks = new ArrayList<>();
    if ("redis".equals(t.string("rate_limiter.driver", "local").toLowerCase(Locale.ROOT))) {
      checks.add(check(vertx, RedisSettings.url(t, "rate_limiter.redis.url"), "rate_limiter.driver"));
    }
    if ("redis".equals(t.string("cache.driver", "memory").toLowerCase(Locale.ROOT))) {
      checks.add(check(vertx, RedisSettings.url(t, "cache.redis.url"), "cache.driver"));
    }
    return Future.all(checks).mapEmpty();
  }

  private static Future<Void> check(Vertx vertx, String url, String key) {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) TIMEOUT_MS)));
    return client.send(Request.cmd(Command.INFO).arg("cluster"))
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .transform(ar -> {
          client.close();
          if (ar.succeeded() && ar.result() != null && ar.result().toString().contains("cluster_enabled:1")) {
            return Future.failedFuture(new ConfigException(key + "=redis needs a standalone Redis, but "
                + RedisSettings.redacted(url) + " is a Redis Cluster node (its keys would be answered with MOVED)"));
          }
          return Future.succeededFuture();
        });
  }
}
