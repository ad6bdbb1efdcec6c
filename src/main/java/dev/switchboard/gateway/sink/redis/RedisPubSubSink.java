package dev.switchboard.gateway.sink.redis;

import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * {@code redis_pubsub}: {@code PUBLISH <channel> <envelope>}, a fan-out topic. Pub/sub messages carry no
 * attributes, so this sink always sends {@link GatewayMessage#envelope()} ({@code "envelope": false} is a
 * config error). Accepted = Redis answered; Redis keeps nothing, so subscribers that are not listening at
 * that moment never see the message.
 */
public final class RedisPubSubSink implements GatewaySink {
  private final RedisSinkClient redis;
  private final String channel;

  private RedisPubSubSink(RedisSinkClient redis, String channel) {
    this.redis = redis;
    this.channel = channel;
  }

  /** {@code url}, {@code channel} (required). */
  public static RedisPubSubSink create(Vertx vertx, SinkConfig c) {
    var url = RedisSinkClient.url(c);
    String channel = c.name("channel", "\\S{1,512}", "a Redis channel name without spaces");
    if (!c.bool("envelope", true)) {
      throw ConfigException.invalid(c.path("envelope"), false, "true or absent: pub/sub has no attributes, so "
          + "redis_pubsub always sends the envelope");
    }
    return new RedisPubSubSink(RedisSinkClient.create(vertx, url, "redis_pubsub sink " + channel), channel);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(m.envelope()), "PUBLISH");
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }
}
