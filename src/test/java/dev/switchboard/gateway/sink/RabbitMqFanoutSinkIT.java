package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.testing.LocalRabbitMq;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a RabbitMQ fanout exchange; each probe is a server-named queue bound to it. */
class RabbitMqFanoutSinkIT extends GatewaySinkContract {
  private static LocalRabbitMq rabbit;
  private static Channel channel;

  @BeforeAll
  static void connect() throws Exception {
    rabbit = new LocalRabbitMq("gateway-sink-test");
    channel = rabbit.channel();
  }

  @AfterAll
  static void disconnect() throws Exception {
    rabbit.close();
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "rabbitmq_fanout").put("url", LocalRabbitMq.URL)
        .put("exchange", name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("gw-unreachable").put("url", "amqp://guest:guest@127.0.0.1:" + closedPort);
  }

  @Override
  protected Probe probe(String exchange) throws Exception {
    channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true); // as the sink declares it
    String queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, exchange, "");
    return () -> RabbitMqSinkIT.received(channel.basicGet(queue, true));
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    for (String n : names) {
      channel.exchangeDelete(n);
    }
  }

  @Test
  void theSinkDeclaresTheExchangeAndEveryBoundQueueGetsACopy() throws Exception {
    String exchange = newName();
    GatewaySink s = sink(config(exchange));
    await(s.send(message("{\"first\":1}"))); // declares the exchange; nobody is bound yet, so it is dropped
    channel.exchangeDeclarePassive(exchange);
    String a = channel.queueDeclare().getQueue();
    String b = channel.queueDeclare().getQueue();
    channel.queueBind(a, exchange, "");
    channel.queueBind(b, exchange, "");
    await(s.send(message("{\"second\":2}")));
    for (String q : new String[] {a, b}) {
      GetResponse r = channel.basicGet(q, true);
      assertNotNull(r, q);
      assertEquals("{\"second\":2}", new String(r.getBody(), java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(2, r.getProps().getDeliveryMode());
    }
  }
}
