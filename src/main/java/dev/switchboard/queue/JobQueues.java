package dev.switchboard.queue;

import dev.switchboard.queue.memory.MemoryJobQueue;
import dev.switchboard.queue.nats.NatsJetStreamJobQueue;
import dev.switchboard.queue.rabbitmq.RabbitMqJobQueue;
import dev.switchboard.queue.redis.RedisStreamJobQueue;
import dev.switchboard.queue.sqs.SqsJobQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The one place that maps {@code queue.driver} to a driver. */
public final class JobQueues {
  private JobQueues() {}

  /** Connects the configured driver; fails when its backend cannot be reached. */
  public static Future<JobQueue> create(Vertx vertx, QueueConfig config) {
    return switch (config.driver()) {
      case "memory", "sync" -> Future.succeededFuture(new MemoryJobQueue(vertx, config));
      case "redis" -> RedisStreamJobQueue.connect(vertx, config);
      case "rabbitmq", "amqp" -> RabbitMqJobQueue.connect(vertx, config);
      case "nats" -> NatsJetStreamJobQueue.connect(vertx, config);
      case "sqs" -> SqsJobQueue.connect(vertx, config);
      default -> Future.failedFuture(new QueueException("unknown queue driver " + config.driver()));
    };
  }
}
