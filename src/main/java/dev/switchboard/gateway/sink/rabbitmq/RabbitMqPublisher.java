package dev.switchboard.gateway.sink.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.gateway.sink.GatewaySinkException;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * One connection with one confirm-mode channel. A publish's promise settles on the broker's ack or nack, or
 * fails when the channel or connection shuts down first. Every method blocks: call them on worker threads.
 */
final class RabbitMqPublisher {
  private final Connection connection;
  private final Channel channel;
  private final String label;
  private final ConcurrentSkipListMap<Long, Promise<Void>> unconfirmed = new ConcurrentSkipListMap<>();

  /** What to declare on a fresh channel: the durable queue or the fanout exchange. */
  interface Declare {
    void on(Channel ch) throws IOException;
  }

  private RabbitMqPublisher(Connection connection, String label) throws IOException {
    this.connection = connection;
    this.label = label;
    this.channel = connection.createChannel();
  }

  /**
   * Connects without automatic recovery (a recovered channel restarts its confirm sequence, so the sink opens
   * a fresh publisher instead), declares, and calls {@code broken} once the channel or connection shuts down.
   */
  static RabbitMqPublisher open(URI url, String label, Declare declare, Consumer<RabbitMqPublisher> broken)
      throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(url);
    f.setAutomaticRecoveryEnabled(false);
    f.setConnectionTimeout(5_000);
    Connection c = f.newConnection("switchboard-gateway");
    try {
      RabbitMqPublisher p = new RabbitMqPublisher(c, label);
      p.channel.confirmSelect();
      p.channel.addConfirmListener((seq, multiple) -> p.settle(seq, multiple, null),
          (seq, multiple) -> p.settle(seq, multiple, "the broker refused the message (nack)"));
      declare.on(p.channel);
      p.channel.addShutdownListener(e -> {
        p.settle(Long.MAX_VALUE, true, "channel closed: " + e.getMessage());
        broken.accept(p);
      });
      return p;
    } catch (Exception e) {
      c.abort();
      throw e;
    }
  }

  void publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body, Promise<Void> done)
      throws IOException {
    synchronized (channel) {
      long seq = channel.getNextPublishSeqNo();
      unconfirmed.put(seq, done);
      try {
        channel.basicPublish(exchange, routingKey, props, body);
      } catch (IOException | RuntimeException e) {
        unconfirmed.remove(seq);
        throw e;
      }
    }
  }

  private void settle(long seq, boolean multiple, String error) {
    ConcurrentNavigableMap<Long, Promise<Void>> done = multiple ? unconfirmed.headMap(seq, true)
        : unconfirmed.subMap(seq, true, seq, true);
    for (Promise<Void> p : done.values()) {
      if (error == null) {
        p.tryComplete();
      } else {
        p.tryFail(new GatewaySinkException(label + ": " + error));
      }
    }
    done.clear();
  }

  /** Closes the connection; publishes still unconfirmed fail. */
  void close() {
    connection.abort(5_000);
    settle(Long.MAX_VALUE, true, "sink closed");
  }
}
