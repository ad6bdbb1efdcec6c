package dev.switchboard.gateway.sink.redis;

import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.Set;

/** The reconnecting Vert.x Redis client (one connection) both Redis sinks use, with the sink's error wording. */
final class RedisSinkClient {
  private final Redis redis;
  private final String label;

  private RedisSinkClient(Redis redis, String label) {
    this.redis = redis;
    this.label = label;
  }

  /** Reads {@code url} (default redis://127.0.0.1:6379); the client connects on first use. */
  static URI url(SinkConfig c) {
    return c.url("url", "redis://127.0.0.1:6379", Set.of("redis", "rediss"));
  }

  static RedisSinkClient create(Vertx vertx, URI url, String label) {
    Redis redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url.toString())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(5_000).setTcpNoDelay(true))
        // one connection: a socket's frames must reach the stream in the order it sent them, and a pool
        // hands consecutive sends to different connections that may overtake each other
        .setMaxPoolSize(1)
        .setMaxPoolWaiting(10_000)
        .setMaxWaitingHandlers(100_000));
    return new RedisSinkClient(redis, label + " " + SinkConfig.redacted(url.toString()));
  }

  /** Sends {@code r}; a Redis error or a lost connection fails with a {@link GatewaySinkException}. */
  Future<Void> send(Request r, String what) {
    return redis.send(r).<Void>mapEmpty().recover(e -> Future.failedFuture(
        new GatewaySinkException(label + ": " + what + " failed: " + e.getMessage(), e)));
  }

  Future<Void> close() {
    return redis.close();
  }
}
