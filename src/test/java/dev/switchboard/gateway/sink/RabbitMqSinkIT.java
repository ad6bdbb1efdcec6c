package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.testing.LocalRabbitMq;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the machine's RabbitMQ (127.0.0.1:5672, guest/guest). A send completes on the publisher
 * confirm, so the message is in the queue by then and {@code basicGet} reads it without waiting.
 */
class RabbitMqSinkIT extends GatewaySinkContract {
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
    return JSON.createObjectNode().put("driver", "rabbitmq").put("url", LocalRabbitMq.URL).put("queue", name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("gw-unreachable").put("url", "amqp://guest:guest@127.0.0.1:" + closedPort);
  }

  @Override
  protected Probe probe(String queue) {
    return () -> {
      channel.queueDeclarePassive(queue); // the sink declared it
      return received(channel.basicGet(queue, true));
    };
  }

  static Received received(GetResponse r) {
    assertNotNull(r, "no message");
    Map<String, String> attrs = new LinkedHashMap<>();
    Map<String, Object> headers = r.getProps().getHeaders();
    if (headers != null) {
      headers.forEach((k, v) -> attrs.put(k, v.toString()));
    }
    return new Received(new String(r.getBody(), StandardCharsets.UTF_8), attrs);
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    for (String n : names) {
      channel.queueDelete(n);
    }
  }

  @Test
  void theQueueIsDurableAndTheMessagePersistentJson() throws Exception {
    String queue = newName();
    await(sink(config(queue)).send(message("{\"p\":1}")));
    GetResponse r = channel.basicGet(queue, true);
    assertNotNull(r);
    assertEquals(2, r.getProps().getDeliveryMode());
    assertEquals("application/json", r.getProps().getContentType());
    try (Channel probe = rabbit.connection().createChannel()) {
      // declaring it again as non-durable would fail with PRECONDITION_FAILED if the sink made it otherwise
      probe.queueDeclare(queue, true, false, false, null);
    }
  }

  @Test
  void aDeletedQueueFailsTheSendAndTheNextSendDeclaresItAgain() throws Exception {
    String queue = newName();
    GatewaySink s = sink(config(queue).put("retries", 0));
    await(s.send(message("{\"n\":1}")));
    channel.queueDelete(queue);
    ExecutionException e = assertThrows(ExecutionException.class, () -> s.send(message("{\"n\":2}"))
        .toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("no queue took the message"), e.getCause().getMessage());
    await(s.send(message("{\"n\":3}")));
    assertEquals("{\"n\":3}", received(channel.basicGet(queue, true)).body());
  }
}
