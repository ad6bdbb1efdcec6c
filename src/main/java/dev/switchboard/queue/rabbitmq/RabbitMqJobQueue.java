package dev.switchboard.queue.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobHandler;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobRunner;
import dev.switchboard.queue.QueueConfig;
import dev.switchboard.queue.QueueException;
import dev.switchboard.logging.LogSafe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** RabbitMQ with publisher confirms and manual acks; see the package doc. */
public final class RabbitMqJobQueue implements JobQueue {
  private final Vertx vertx;
  private final QueueConfig config;
  private final WorkerExecutor blocking;
  private final Connection connection;
  private final Channel publisher;
  private final ConcurrentSkipListMap<Long, Promise<Void>> unconfirmed = new ConcurrentSkipListMap<>();
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final List<RabbitMqConsumer> consumers = new CopyOnWriteArrayList<>();

  private RabbitMqJobQueue(Vertx vertx, QueueConfig config, WorkerExecutor blocking, Connection connection)
      throws IOException {
    this.vertx = vertx;
    this.config = config;
    this.blocking = blocking;
    this.connection = connection;
    this.publisher = connection.createChannel();
    publisher.confirmSelect();
    publisher.addConfirmListener((seq, multiple) -> settle(seq, multiple, null),
        (seq, multiple) -> settle(seq, multiple, "the broker refused the message (nack)"));
    connection.addShutdownListener(e -> failAll("connection closed: " + e.getMessage()));
  }

  /** {@code queue.rabbitmq.url}: the broker of the rabbitmq driver. */
  private static String url(QueueConfig config) {
    return config.tree().string("queue.rabbitmq.url", "amqp://guest:guest@127.0.0.1:5672");
  }

  /** Connects to {@code queue.rabbitmq.url} on a worker thread. */
  public static Future<JobQueue> connect(Vertx vertx, QueueConfig config) {
    String url = url(config);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("switchboard-rabbitmq", 4);
    return blocking.<JobQueue>executeBlocking(() -> {
      ConnectionFactory f = new ConnectionFactory();
      f.setUri(url);
      f.setAutomaticRecoveryEnabled(true);
      return new RabbitMqJobQueue(vertx, config, blocking, f.newConnection("switchboard"));
    }, false).recover(e -> {
      blocking.close();
      return Future.failedFuture(new QueueException("rabbitmq queue: cannot connect to "
          + LogSafe.url(url) + ": " + LogSafe.url(e.getMessage())));
    });
  }

  String queueName(String topic) {
    return config.prefix() + "." + QueueConfig.checkTopic(topic);
  }

  /** Declares the topic's durable queue once per process; on a worker thread. */
  void declare(Channel ch, String queue) throws IOException {
    if (!declared.contains(queue)) {
      ch.queueDeclare(queue, true, false, false, null);
      declared.add(queue);
    }
  }

  <T> Future<T> blocking(Callable<T> call) {
    return blocking.executeBlocking(call, false);
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload) {
    String queue = queueName(topic);
    Promise<Void> confirmed = Promise.promise();
    blocking(() -> {
      synchronized (publisher) {
        declare(publisher, queue);
        unconfirmed.put(publisher.getNextPublishSeqNo(), confirmed);
        publisher.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, payload);
      }
      return null;
    }).onFailure(e -> confirmed.tryFail(new QueueException("rabbitmq queue: publish failed: " + e.getMessage(), e)));
    return confirmed.future();
  }

  private void settle(long seq, boolean multiple, String error) {
    ConcurrentNavigableMap<Long, Promise<Void>> done = multiple ? unconfirmed.headMap(seq, true)
        : unconfirmed.subMap(seq, true, seq, true);
    for (Promise<Void> p : done.values()) {
      if (error == null) {
        p.tryComplete();
      } else {
        p.tryFail(new QueueException("rabbitmq queue: " + error));
      }
    }
    done.clear();
  }

  private void failAll(String why) {
    settle(Long.MAX_VALUE, true, why);
  }

  @Override
  public Future<JobConsumer> consume(String topic, JobHandler handler) {
    String queue = queueName(topic);
    RabbitMqConsumer c = new RabbitMqConsumer(this, topic, queue,
        new JobRunner<>(vertx.getOrCreateContext(), handler, config.concurrency()));
    return blocking(() -> {
      c.open(connection, config.concurrency());
      consumers.add(c);
      return (JobConsumer) c;
    }).recover(e -> Future.failedFuture(new QueueException("rabbitmq queue: cannot consume " + queue + ": "
        + e.getMessage(), e)));
  }

  Vertx vertx() {
    return vertx;
  }

  long redeliveryMs() {
    return config.redeliveryMs();
  }

  void removed(RabbitMqConsumer c) {
    consumers.remove(c);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(RabbitMqConsumer::stop).toList())
        .eventually(() -> blocking(() -> {
          connection.close();
          return null;
        }))
        .eventually(() -> {
          failAll("queue closed");
          return blocking.close();
        })
        .mapEmpty();
  }
}
