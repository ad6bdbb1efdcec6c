package dev.switchboard.queue;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.util.Locale;
import java.util.Set;

/**
 * Settings every queue driver shares; each driver reads its own {@code queue.<driver>.*} section from
 * {@link #tree()}.
 *
 * @param driver memory, redis, rabbitmq, nats or sqs ({@code sync} is soketi's name for memory)
 * @param concurrency jobs one consumer works on at once
 * @param redeliveryMs how long a job that failed, or whose worker died, waits before it is delivered again
 * @param prefix names the backend objects (Redis keys, RabbitMQ queues, JetStream streams, SQS queues)
 */
public record QueueConfig(String driver, int concurrency, long redeliveryMs, String prefix, ConfigTree tree) {
  public static final Set<String> DRIVERS = Set.of("memory", "sync", "redis", "rabbitmq", "amqp", "nats", "sqs");

  public QueueConfig {
    if (!DRIVERS.contains(driver)) {
      throw ConfigException.invalid("queue.driver", driver, "one of memory, redis, rabbitmq, nats, sqs");
    }
    if (concurrency < 1 || concurrency > 10_000) {
      throw ConfigException.invalid("queue.concurrency", concurrency, "a number from 1 to 10000");
    }
    if (redeliveryMs < 100 || redeliveryMs > 43_200_000) {
      throw ConfigException.invalid("queue.redelivery_ms", redeliveryMs, "a number from 100 to 43200000");
    }
    if (!prefix.matches("[A-Za-z0-9_-]{1,64}")) {
      throw ConfigException.invalid("queue.prefix", prefix, "1 to 64 letters, digits, '-' or '_'");
    }
  }

  public static QueueConfig from(ConfigTree t) {
    return new QueueConfig(t.string("queue.driver", "memory").trim().toLowerCase(Locale.ROOT),
        t.integer("queue.concurrency", 32), t.longValue("queue.redelivery_ms", 30_000),
        t.string("queue.prefix", "switchboard"), t);
  }

  /** Topic names become parts of backend names, so they are kept to a safe alphabet. */
  public static String checkTopic(String topic) {
    if (topic == null || !topic.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new IllegalArgumentException("queue topic must be 1 to 100 letters, digits, '-' or '_': " + topic);
    }
    return topic;
  }
}
