package dev.switchboard.gateway.sink.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.sink.SinkConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code rabbitmq} (a durable queue, through the default exchange) and {@code rabbitmq_fanout} (a durable
 * fanout exchange): persistent {@code application/json} messages, the attributes as AMQP headers, accepted =
 * the broker's publisher confirm. The client blocks, so every call into it runs on a worker thread.
 */
public final class RabbitMqSink implements GatewaySink {
  private static final String NAME = "[^\\s]{1,255}";
  private final WorkerExecutor blocking;
  private final SinkConnection<RabbitMqPublisher> publisher;
  private final String exchange;
  private final String routingKey;
  private final boolean envelope;
  private final String label;

  private RabbitMqSink(Vertx vertx, URI url, String exchange, String routingKey, boolean envelope, String label,
      RabbitMqPublisher.Declare declare) {
    // to a queue, an unroutable message is lost (its queue was deleted); to a fanout, it only has no listener
    boolean mandatory = exchange.isEmpty();
    this.blocking = vertx.createSharedWorkerExecutor("switchboard-gateway-rabbitmq", 2);
    this.exchange = exchange;
    this.routingKey = routingKey;
    this.envelope = envelope;
    this.label = label;
    this.publisher = new SinkConnection<>(
        () -> blocking.executeBlocking(() -> RabbitMqPublisher.open(url, label, declare, mandatory, this::broken),
            false)
            .recover(e -> Future.failedFuture(new GatewaySinkException(label + ": cannot connect to "
                + SinkConfig.redacted(url.toString()) + ": " + SinkConfig.redacted(String.valueOf(e.getMessage()))))),
        RabbitMqPublisher::close);
  }

  /** {@code url} (default amqp://guest:guest@127.0.0.1:5672), {@code queue} (required), {@code envelope}. */
  public static RabbitMqSink queue(Vertx vertx, SinkConfig c) {
    URI url = url(c);
    String queue = c.name("queue", NAME, "a queue name of 1 to 255 characters without spaces");
    return new RabbitMqSink(vertx, url, "", queue, c.bool("envelope", false), "rabbitmq sink " + queue,
        ch -> ch.queueDeclare(queue, true, false, false, null));
  }

  /** {@code url}, {@code exchange} (required), {@code envelope}. */
  public static RabbitMqSink fanout(Vertx vertx, SinkConfig c) {
    URI url = url(c);
    String exchange = c.name("exchange", NAME, "an exchange name of 1 to 255 characters without spaces");
    return new RabbitMqSink(vertx, url, exchange, "", c.bool("envelope", false), "rabbitmq_fanout sink "
        + exchange, ch -> ch.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true));
  }

  private static URI url(SinkConfig c) {
    return c.url("url", "amqp://guest:guest@127.0.0.1:5672", Set.of("amqp", "amqps"));
  }

  /**
   * From the client's own thread: forgotten at once, so the next send opens a fresh publisher, and closed on a
   * worker, never on the client's thread.
   */
  private void broken(RabbitMqPublisher p) {
    publisher.forget(p);
    blocking.executeBlocking(() -> {
      p.close();
      return null;
    }, false);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    byte[] body = (envelope ? m.envelope() : m.body()).getBytes(StandardCharsets.UTF_8);
    Map<String, Object> headers = new LinkedHashMap<>(m.attributes());
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).headers(headers).build();
    Promise<Void> confirmed = Promise.promise();
    publisher.get()
        .compose(p -> blocking.executeBlocking(() -> {
          p.publish(exchange, routingKey, props, body, confirmed);
          return null;
        }, true))
        .onFailure(e -> confirmed.tryFail(e instanceof GatewaySinkException ? e
            : new GatewaySinkException(label + ": publish failed: " + e.getMessage(), e)));
    return confirmed.future();
  }

  @Override
  public Future<Void> close() {
    return blocking.executeBlocking(publisher::close, false)
        .compose(f -> f)
        .eventually(blocking::close);
  }
}
