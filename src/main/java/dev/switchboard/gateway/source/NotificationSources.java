package dev.switchboard.gateway.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.source.nats.NatsJetStreamSource;
import dev.switchboard.gateway.source.rabbitmq.RabbitMqSource;
import dev.switchboard.gateway.source.redis.RedisStreamSource;
import dev.switchboard.gateway.source.sqs.SqsSource;
import io.vertx.core.Vertx;

/** The one place that maps a notification source's {@code driver} to a driver. */
public final class NotificationSources {
  public static final String DRIVERS = "one of sqs, redis_stream, rabbitmq, nats_jetstream";

  private NotificationSources() {}

  /**
   * Builds the source {@code config} describes. Validates everything now and connects nothing: the driver
   * connects in {@link NotificationSource#start}. Never blocks.
   *
   * @param key the config path of {@code config}, e.g. {@code gateway.notifications.queue}, for errors and logs
   * @throws ConfigException naming {@code key.field}, the value and what was expected
   */
  public static NotificationSource create(Vertx vertx, String key, JsonNode config) {
    SinkConfig c = new SinkConfig(key, config);
    String driver = c.string("driver", null);
    SourceSettings s = SourceSettings.from(c);
    NotificationSource source = switch (driver) {
      case "sqs" -> SqsSource.create(vertx, c, s);
      case "redis_stream" -> RedisStreamSource.create(vertx, c, s);
      case "rabbitmq" -> RabbitMqSource.create(vertx, c, s);
      case "nats_jetstream" -> NatsJetStreamSource.create(vertx, c, s);
      default -> throw ConfigException.invalid(c.path("driver"), driver, DRIVERS);
    };
    c.rejectUnknown();
    return source;
  }
}
