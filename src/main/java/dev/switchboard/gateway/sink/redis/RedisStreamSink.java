package dev.switchboard.gateway.sink.redis;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * {@code redis_stream}: {@code XADD <stream> MAXLEN ~ <max_len> * body <json> source .. user_id .. ...}, a
 * work queue whose consumer groups give competing consumers. Accepted = Redis answered with the entry id.
 */
public final class RedisStreamSink implements GatewaySink {
  /** The stream entry field holding the body (or envelope); the attributes are fields of their own. */
  public static final String BODY = "body";
  private final RedisSinkClient redis;
  private final String stream;
  private final long maxLen;
  private final boolean envelope;

  private RedisStreamSink(RedisSinkClient redis, String stream, long maxLen, boolean envelope) {
    this.redis = redis;
    this.stream = stream;
    this.maxLen = maxLen;
    this.envelope = envelope;
  }

  /** {@code url}, {@code stream} (required), {@code max_len} (default 100000), {@code envelope}. */
  public static RedisStreamSink create(Vertx vertx, SinkConfig c) {
    var url = RedisSinkClient.url(c);
    String stream = c.name("stream", "\\S{1,512}", "a Redis key without spaces");
    long maxLen = c.integer("max_len", 100_000, 1, Long.MAX_VALUE);
    boolean envelope = c.bool("envelope", false);
    return new RedisStreamSink(RedisSinkClient.create(vertx, url, "redis_stream sink " + stream), stream, maxLen,
        envelope);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    Request r = Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(maxLen).arg("*")
        .arg(BODY).arg(envelope ? m.envelope() : m.body());
    m.attributes().forEach((k, v) -> r.arg(k).arg(v));
    return redis.send(r, "XADD");
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }
}
