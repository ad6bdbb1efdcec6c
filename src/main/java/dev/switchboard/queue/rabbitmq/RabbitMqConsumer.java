package dev.switchboard.queue.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobRunner;
import io.vertx.core.Future;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One consumer: its own channel, a prefetch of the concurrency, ack on success, delayed requeue on failure. */
final class RabbitMqConsumer implements JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqConsumer.class);
  private final RabbitMqJobQueue queue;
  private final String topic;
  private final String queueName;
  private final JobRunner<Long> runner;
  private volatile Channel channel;
  private volatile boolean stopped;

  RabbitMqConsumer(RabbitMqJobQueue queue, String topic, String queueName, JobRunner<Long> runner) {
    this.queue = queue;
    this.topic = topic;
    this.queueName = queueName;
    this.runner = runner;
  }

  /** On a worker thread. */
  void open(Connection connection, int prefetch) throws IOException {
    Channel ch = connection.createChannel();
    queue.declare(ch, queueName);
    ch.basicQos(prefetch);
    channel = ch;
    ch.basicConsume(queueName, false, (tag, d) -> deliver(ch, d), tag -> { });
  }

  /** On the client's consumer thread: hands the job to the runner, settles it later from a worker thread. */
  private void deliver(Channel ch, Delivery d) {
    long tag = d.getEnvelope().getDeliveryTag();
    Job job = new Job(topic, Long.toString(tag), d.getBody(), d.getEnvelope().isRedeliver() ? 2 : 1);
    runner.run(tag, job).onComplete(ar -> {
      if (stopped) {
        return; // the channel is closed: the broker has requeued it
      }
      if (ar.succeeded()) {
        settle(ch, tag, true);
      } else {
        queue.vertx().setTimer(queue.redeliveryMs(), t -> settle(ch, tag, false));
      }
    });
  }

  private void settle(Channel ch, long tag, boolean ack) {
    runner.settling(queue.blocking(() -> {
      synchronized (ch) {
        if (ch.isOpen()) {
          if (ack) {
            ch.basicAck(tag, false);
          } else {
            ch.basicNack(tag, false, true);
          }
        }
      }
      return null;
    })).onFailure(e -> LOG.warn("rabbitmq queue {}: {} of {} failed: {}", queueName, ack ? "ack" : "nack", tag,
        e.getMessage()));
  }

  @Override
  public Future<Void> stop() {
    stopped = true;
    queue.removed(this);
    Channel ch = channel;
    if (ch == null) {
      return Future.succeededFuture();
    }
    // acks already on their way go out before the channel closes, or those jobs come back
    return runner.settled().compose(v -> queue.blocking(() -> {
      synchronized (ch) {
        if (ch.isOpen()) {
          ch.close(); // unacknowledged deliveries go back to the queue
        }
      }
      return null;
    })).mapEmpty();
  }
}
