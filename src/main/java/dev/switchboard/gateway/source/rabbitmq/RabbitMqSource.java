package dev.switchboard.gateway.source.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.source.NotificationHandler;
import dev.switchboard.gateway.source.RunnerSource;
import dev.switchboard.gateway.source.SourceRunner.Outcome;
import dev.switchboard.gateway.source.SourceSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rabbitmq}: {@code url} (default amqp://guest:guest@127.0.0.1:5672), {@code queue} (required, declared
 * durable), {@code dead_letter} (a queue, declared durable; default none).
 *
 * <p>Counting deliveries: a classic queue only says "redelivered", so a failed message is not nacked but
 * republished to the back of its queue after {@code redelivery_delay_ms}, with header {@value #DELIVERIES} = the
 * deliveries so far, and the original acked once the broker confirmed the copy (if the copy fails, the original
 * is nacked with requeue instead). This survives restarts and counts across nodes, unlike a counter in memory.
 * A quorum queue's {@code x-delivery-count} (requeues after a crash or stop) is added. The client recovers lost
 * connections by itself; acks of deliveries from before a recovery are dropped by the client, and the broker
 * delivers those again.
 */
public final class RabbitMqSource extends RunnerSource<Long> {
  static final String DELIVERIES = "x-switchboard-deliveries";
  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqSource.class);
  private static final String NAME = "[^\\s]{1,255}";
  private final Vertx vertx;
  private final URI url;
  private final String queue;
  private final String deadLetter;
  private final String label;
  private WorkerExecutor blocking;
  private volatile Connection connection;
  private volatile Channel channel;
  private volatile String consumerTag;

  private RabbitMqSource(Vertx vertx, URI url, String queue, String deadLetter, SourceSettings common) {
    super(vertx, common);
    this.vertx = vertx;
    this.url = url;
    this.queue = queue;
    this.deadLetter = deadLetter;
    this.label = common.key() + " (rabbitmq queue " + queue + " on " + SinkConfig.redacted(url.toString()) + ")";
  }

  public static RabbitMqSource create(Vertx vertx, SinkConfig c, SourceSettings common) {
    URI url = c.url("url", "amqp://guest:guest@127.0.0.1:5672", Set.of("amqp", "amqps"));
    String queue = c.name("queue", NAME, "a queue name of 1 to 255 characters without spaces");
    String dl = c.node("dead_letter") == null ? null
        : c.name("dead_letter", NAME, "a queue name of 1 to 255 characters without spaces");
    return new RabbitMqSource(vertx, url, queue, dl, common);
  }

  @Override
  public Future<Void> start(NotificationHandler handler) {
    blocking = vertx.createSharedWorkerExecutor("switchboard-gateway-source-rabbitmq", 4);
    runner.start(handler);
    return blocking(this::open).recover(e -> Future.failedFuture(new IllegalStateException(label
        + ": cannot start: " + e.getMessage(), e)));
  }

  private Void open() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(url);
    f.setAutomaticRecoveryEnabled(true);
    f.setConnectionTimeout(5_000);
    connection = f.newConnection("switchboard-gateway-notifications");
    try {
      Channel ch = connection.createChannel();
      ch.confirmSelect();
      ch.queueDeclare(queue, true, false, false, null);
      if (deadLetter != null) {
        ch.queueDeclare(deadLetter, true, false, false, null);
      }
      ch.basicQos(runner.settings().concurrency());
      channel = ch;
      consumerTag = ch.basicConsume(queue, false, (tag, d) -> deliver(d), tag -> LOG.warn(
          "{}: the broker cancelled the consumer (queue deleted?)", label));
      return null;
    } catch (Exception e) {
      connection.abort(5_000);
      throw e;
    }
  }

  /** On the client's consumer thread. */
  private void deliver(Delivery d) {
    long tag = d.getEnvelope().getDeliveryTag();
    AMQP.BasicProperties props = d.getProperties();
    long deliveries = 1 + header(props, DELIVERIES) + header(props, "x-delivery-count");
    String id = props.getMessageId() != null ? props.getMessageId() : "delivery-tag-" + tag;
    String body = new String(d.getBody(), StandardCharsets.UTF_8);
    runner.run(Long.toString(tag), tag, body, deliveries, o -> settle(tag, id, d, o, deliveries));
  }

  private static long header(AMQP.BasicProperties props, String name) {
    Object v = props.getHeaders() == null ? null : props.getHeaders().get(name);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private void settle(long tag, String id, Delivery d, Outcome o, long deliveries) {
    switch (o.verdict()) {
      case ACK -> runner.settling(blocking(() -> ack(tag))).onFailure(e -> LOG.warn(
          "{}: ack of {} failed, it will come again: {}", label, id, e.getMessage()));
      case RETRY -> vertx.setTimer(runner.settings().redeliveryDelayMs(), t -> {
        if (!runner.closed()) {
          runner.settling(blocking(() -> republish(tag, d, deliveries))).onFailure(e -> LOG.warn(
              "{}: requeueing {} failed, the broker delivers it again: {}", label, id, e.getMessage()));
        }
      });
      case DEAD_LETTER -> runner.settling(blocking(() -> deadLetter(tag, d, o.reason())))
          .onSuccess(x -> runner.deadLettered(id, o.reason(), deadLetter == null ? null : "rabbitmq queue "
              + deadLetter))
          .onFailure(e -> LOG.warn("{}: could not dead-letter {}, it will come again: {}", label, id,
              e.getMessage()));
      default -> throw new IllegalStateException(o.verdict().name());
    }
  }

  private Void ack(long tag) throws Exception {
    synchronized (channel) {
      channel.basicAck(tag, false);
    }
    return null;
  }

  /** A copy at the back of the queue with the count so far; the original is acked once the copy is confirmed. */
  private Void republish(long tag, Delivery d, long deliveries) throws Exception {
    synchronized (channel) {
      try {
        publish(queue, d, Map.of(DELIVERIES, deliveries));
      } catch (Exception e) {
        channel.basicNack(tag, false, true);
        throw e;
      }
      channel.basicAck(tag, false);
    }
    return null;
  }

  private Void deadLetter(long tag, Delivery d, String reason) throws Exception {
    synchronized (channel) {
      if (deadLetter != null) {
        publish(deadLetter, d, Map.of("x-switchboard-dead-letter-reason", reason));
      }
      channel.basicAck(tag, false);
    }
    return null;
  }

  /** Publishes the delivery's body and properties with {@code extra} headers and waits for the confirm. */
  private void publish(String to, Delivery d, Map<String, Object> extra) throws Exception {
    Map<String, Object> headers = new HashMap<>();
    if (d.getProperties().getHeaders() != null) {
      headers.putAll(d.getProperties().getHeaders());
    }
    headers.remove("x-delivery-count"); // the broker's own count of the original; the new copy starts afresh
    headers.putAll(extra);
    channel.basicPublish("", to, d.getProperties().builder().headers(headers).deliveryMode(2).build(), d.getBody());
    channel.waitForConfirmsOrDie(5_000);
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return blocking.executeBlocking(call, false);
  }

  /** Closing the channel gives every unacknowledged delivery back to the queue. */
  @Override
  protected Future<Void> halt() {
    if (blocking == null) {
      return Future.succeededFuture();
    }
    Future<Void> cancelled = channel == null ? Future.succeededFuture() : blocking(() -> {
      channel.basicCancel(consumerTag);
      return null;
    });
    return cancelled.otherwiseEmpty()
        .compose(v -> runner.close())
        .compose(left -> runner.settled())
        .compose(v -> blocking(() -> {
          if (connection != null) {
            connection.abort(5_000);
          }
          return null;
        }))
        .<Void>mapEmpty().otherwiseEmpty()
        .eventually(blocking::close);
  }
}
