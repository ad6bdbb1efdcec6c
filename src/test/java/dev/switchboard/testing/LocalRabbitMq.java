package dev.switchboard.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** A connection and a channel to the machine's RabbitMQ ({@link #URL}), for a test to declare, publish and read. */
public final class LocalRabbitMq implements AutoCloseable {
  public static final String URL = "amqp://guest:guest@127.0.0.1:5672";
  private final Connection connection;
  private final Channel channel;

  /** Connects as {@code connectionName} (shown in the broker's management UI). */
  public LocalRabbitMq(String connectionName) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(URL);
    connection = f.newConnection(connectionName);
    channel = connection.createChannel();
  }

  public Connection connection() {
    return connection;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
