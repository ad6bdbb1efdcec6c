package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.testing.LocalRabbitMq;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the RabbitMQ at 127.0.0.1:5672; the producer publishes persistent JSON as pika would. */
class RabbitMqSourceIT extends NotificationSourceContract {
  private static LocalRabbitMq rabbit;
  private static Channel channel;

  @BeforeAll
  static void connect() throws Exception {
    rabbit = new LocalRabbitMq("switchboard-test-producer");
    channel = rabbit.channel();
  }

  @AfterAll
  static void disconnect() throws Exception {
    rabbit.close();
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "rabbitmq").put("url", LocalRabbitMq.URL).put("queue", name)
        .put("redelivery_delay_ms", 300).put("dead_letter", deadLetterName(name));
  }

  @Override
  protected void publish(String name, String body) throws Exception {
    channel.queueDeclare(name, true, false, false, null);
    channel.basicPublish("", name, new AMQP.BasicProperties.Builder().contentType("application/json")
        .deliveryMode(2).build(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected String nextDeadLetter(String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      GetResponse r = channel.basicGet(deadLetterName(name), true);
      if (r != null) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
      }
      Thread.sleep(50); // basic.get polls; a consumer here would compete with nothing
    }
    throw new AssertionError("nothing in " + deadLetterName(name));
  }

  @Override
  protected long outstanding(String name) throws Exception {
    return channel.queueDeclarePassive(name).getMessageCount();
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    for (String n : names) {
      channel.queueDelete(n);
      channel.queueDelete(deadLetterName(n));
    }
  }

  @Test
  void aRetriedMessageCarriesItsDeliveryCountAndItsProperties() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    start(config(name).put("max_deliveries", 3), r);
    channel.queueDeclare(name, true, false, false, null);
    channel.basicPublish("", name, new AMQP.BasicProperties.Builder().messageId("n-1").contentType("application/json")
        .headers(Map.of("user_id", "backend")).build(), BODY.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 3; i++) {
      Call c = r.next();
      assertEquals(BODY, c.body());
      c.done().fail(new IllegalStateException("down " + i));
    }
    assertEquals(BODY, nextDeadLetter(name));
  }

  @Test
  void anUnreachableBrokerFailsStartNamingTheKey() throws Exception {
    NotificationSource s = NotificationSources.create(vertx, KEY, config(newName())
        .put("url", "amqp://guest:guest@127.0.0.1:1"));
    Throwable e = s.start(b -> Future.succeededFuture()).toCompletionStage().toCompletableFuture()
        .handle((v, t) -> t).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertTrue(e != null && e.getMessage().contains(KEY) && !e.getMessage().contains("guest:guest"), String.valueOf(e));
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
