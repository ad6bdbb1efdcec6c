package dev.switchboard.gateway.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.http.HttpSink;
import dev.switchboard.gateway.sink.nats.NatsCoreSink;
import dev.switchboard.gateway.sink.nats.NatsJetStreamSink;
import dev.switchboard.gateway.sink.rabbitmq.RabbitMqSink;
import dev.switchboard.gateway.sink.redis.RedisPubSubSink;
import dev.switchboard.gateway.sink.redis.RedisStreamSink;
import dev.switchboard.gateway.sink.sqs.SqsSink;
import io.vertx.core.Vertx;
import java.util.Optional;

/** The one place that maps a sink's {@code driver} to a driver. */
public final class GatewaySinks {
  public static final String DRIVERS =
      "one of redis_stream, redis_pubsub, rabbitmq, rabbitmq_fanout, nats_jetstream, nats, sqs, http";

  private GatewaySinks() {}

  /**
   * Builds the sink {@code sinkConfig} describes, wrapped in a {@link RetryingSink} (fields {@code retries},
   * {@code retry_backoff_ms}, {@code retry_max_backoff_ms}, {@code max_pending} and {@code dead_letter}, itself
   * a sink config), with {@code send_timeout_ms} bounding each attempt. Validates everything now and connects
   * nothing: drivers connect on first send and again after a connection broke. Never blocks. The sink returned
   * is a {@link RetryingSink}; cast it to read its counters for metrics.
   *
   * @param key the config path of {@code sinkConfig}, e.g. {@code gateway.routes.send.sink}, for errors
   * @throws ConfigException naming {@code key.field}, the value and what was expected
   */
  public static GatewaySink create(Vertx vertx, String key, JsonNode sinkConfig) {
    SinkConfig c = new SinkConfig(key, sinkConfig);
    String driver = c.string("driver", null);
    RetryPolicy policy = RetryPolicy.from(c);
    JsonNode dl = c.node("dead_letter");
    GatewaySink backend = driver(vertx, driver, c);
    Optional<GatewaySink> deadLetter = Optional.empty();
    try {
      c.rejectUnknown();
      deadLetter = dl == null ? Optional.empty() : Optional.of(create(vertx, c.path("dead_letter"), dl));
    } catch (ConfigException e) {
      backend.close();
      throw e;
    }
    return new RetryingSink(vertx, key, backend, policy, deadLetter);
  }

  private static GatewaySink driver(Vertx vertx, String driver, SinkConfig c) {
    return switch (driver) {
      case "redis_stream" -> RedisStreamSink.create(vertx, c);
      case "redis_pubsub" -> RedisPubSubSink.create(vertx, c);
      case "rabbitmq" -> RabbitMqSink.queue(vertx, c);
      case "rabbitmq_fanout" -> RabbitMqSink.fanout(vertx, c);
      case "nats_jetstream" -> NatsJetStreamSink.create(vertx, c);
      case "nats" -> NatsCoreSink.create(vertx, c);
      case "sqs" -> SqsSink.create(vertx, c);
      case "http" -> HttpSink.create(vertx, c);
      default -> throw ConfigException.invalid(c.path("driver"), driver, DRIVERS);
    };
  }
}
