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
  /** Message ids are {@code <this prefix><publish sequence number>}: unique, and they lead back to the publish. */
  private final String idPrefix = java.util.UUID.randomUUID() + "-";
  private final boolean mandatory;

  /** What to declare on a fresh channel: the durable queue or the fanout exchange. */
  interface Declare {
    void on(Channel ch) throws IOException;
  }

  private RabbitMqPublisher(Connection connection, String label, boolean mandatory) throws IOException {
    this.connection = connection;
    this.mandatory = mandatory;
    this.label = label;
    this.channel = connection.createChannel();
  }

  /**
   * Connects without automatic recovery (a recovered channel restarts its confirm sequence, so the sink opens
   * a fresh publisher instead), declares, and calls {@code broken} once the channel or connection shuts down.
   * With {@code mandatory}, a message no queue takes (its queue was deleted) fails its publish and also counts
   * as broken, so the next publisher declares the queue again.
   */
  static RabbitMqPublisher open(URI url, String label, Declare declare, boolean mandatory,
      Consumer<RabbitMqPublisher> broken) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(url);
    f.setAutomaticRecoveryEnabled(false);
    f.setConnectionTimeout(5_000);
    Connection c = f.newConnection("switchboard-gateway");
    try {
      RabbitMqPublisher p = new RabbitMqPublisher(c, label, mandatory);
      p.channel.confirmSelect();
      p.channel.addConfirmListener((seq, multiple) -> p.settle(seq, multiple, null),
          (seq, multiple) -> p.settle(seq, multiple, "the broker refused the message (nack)"));
      declare.on(p.channel);
      p.channel.addReturnListener(r -> { // comes before the broker's ack for the same message
        broken.accept(p); // first: the failed sender's retry must find a fresh publisher
        p.fail(r.getProperties().getMessageId(), "no queue took the message (" + r.getReplyText() + ")");
      });
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
        channel.basicPublish(exchange, routingKey, mandatory, props.builder().messageId(idPrefix + seq).build(),
            body);
      } catch (IOException | RuntimeException e) {
        unconfirmed.remove(seq);
        throw e;
      }
    }
  }

  private void fail(String messageId, String error) {
    if (messageId != null && messageId.startsWith(idPrefix)) {
      Promise<Void> p = unconfirmed.remove(Long.parseLong(messageId.substring(idPrefix.length())));
      if (p != null) {
        p.tryFail(new GatewaySinkException(label + ": " + error));
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
