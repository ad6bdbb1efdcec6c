package dev.switchboard.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Set;

/** The contract on RabbitMQ (the machine's broker on 127.0.0.1:5672, guest/guest). */
class RabbitMqJobQueueIT extends JobQueueContract {
  static final String URL = "amqp://guest:guest@127.0.0.1:5672";

  @Override
  protected ObjectNode driverConfig() {
    ObjectNode n = JSON.createObjectNode().put("driver", "rabbitmq");
    n.putObject("rabbitmq").put("url", URL);
    return n;
  }

  @Override
  protected void cleanup(Set<String> topics) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(URL);
    try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
      for (String t : topics) {
        ch.queueDelete(prefix + "." + t);
      }
    }
  }
}
