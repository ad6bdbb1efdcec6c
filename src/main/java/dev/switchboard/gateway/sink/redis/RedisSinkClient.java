package dev.switchboard.gateway.sink.redis;

import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.Set;

/**
 * One pipelined Redis connection per sink, opened on first use and again after it broke. One connection
 * keeps a socket's frames in the order it sent them (a pool hands consecutive sends to connections that
 * may overtake each other); pipelining keeps the throughput of many (requests go out without waiting for
 * the previous reply).
 */
final class RedisSinkClient {
  private static final int MAX_IN_FLIGHT = 100_000;
  private final Redis redis;
  private final String label;
  /** The current connection, or the attempt to open it; null before first use and after a break. */
  private Future<RedisConnection> connection;

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
        .setMaxWaitingHandlers(MAX_IN_FLIGHT));
    return new RedisSinkClient(redis, label + " " + SinkConfig.redacted(url.toString()));
  }

  /** Sends {@code r}; a Redis error or a lost connection fails with a {@link GatewaySinkException}. */
  Future<Void> send(Request r, String what) {
    return connection().compose(c -> c.send(r)).<Void>mapEmpty().recover(e -> Future.failedFuture(
        new GatewaySinkException(label + ": " + what + " failed: " + e.getMessage(), e)));
  }

  private synchronized Future<RedisConnection> connection() {
    Future<RedisConnection> c = connection;
    if (c == null || c.failed()) {
      c = redis.connect();
      Future<RedisConnection> mine = c;
      c.onSuccess(conn -> {
        conn.exceptionHandler(e -> broken(mine));
        conn.endHandler(v -> broken(mine));
      });
      connection = c;
    }
    return c;
  }

  /** Forgets a connection that broke, so the next send opens a new one. */
  private synchronized void broken(Future<RedisConnection> which) {
    if (connection == which) {
      connection = null;
    }
  }

  synchronized Future<Void> close() {
    Future<RedisConnection> c = connection;
    connection = null;
    Future<Void> closing = c != null && c.succeeded() ? c.result().close() : Future.succeededFuture();
    return closing.eventually(redis::close);
  }
}
