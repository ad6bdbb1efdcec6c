package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.ElasticMq;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The contract on SQS, served by ElasticMQ in this JVM on 127.0.0.1, read back with ReceiveMessage. */
class SqsSinkIT extends GatewaySinkContract {
  private static ElasticMq elasticMq;
  private static String endpoint;
  private static SqsAsyncClient sqs;
  private final Map<String, String> urls = new LinkedHashMap<>();

  @BeforeAll
  static void startElasticMq() {
    elasticMq = new ElasticMq();
    endpoint = elasticMq.endpoint();
    sqs = elasticMq.sqs();
  }

  @AfterAll
  static void stopElasticMq() {
    elasticMq.close();
  }

  private String url(String name) throws Exception {
    String u = urls.get(name);
    if (u == null) {
      Map<QueueAttributeName, String> attrs = name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true")
          : Map.of();
      u = sqs.createQueue(r -> r.queueName(name).attributes(attrs)).get(TIMEOUT_S, TimeUnit.SECONDS).queueUrl();
      urls.put(name, u);
    }
    return u;
  }

  @Override
  protected ObjectNode config(String name) {
    try {
      return JSON.createObjectNode().put("driver", "sqs").put("queue_url", url(name)).put("region", "elasticmq")
          .put("endpoint", endpoint).put("access_key_id", "x").put("secret_access_key", "x");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return JSON.createObjectNode().put("driver", "sqs").put("queue_url", "http://127.0.0.1:" + closedPort
        + "/000000000000/gw").put("endpoint", "http://127.0.0.1:" + closedPort).put("access_key_id", "x")
        .put("secret_access_key", "x");
  }

  @Override
  protected Probe probe(String name) throws Exception {
    String u = url(name);
    return () -> {
      Message m = receive(u);
      Map<String, String> attrs = new LinkedHashMap<>();
      m.messageAttributes().forEach((k, v) -> {
        assertEquals("String", v.dataType(), k);
        attrs.put(k, v.stringValue());
      });
      return new Received(m.body(), attrs);
    };
  }

  /** Long-polls until a message comes or the test's timeout passes. */
  private static Message receive(String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(1)
              .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
          .get(TIMEOUT_S, TimeUnit.SECONDS).messages();
      if (!got.isEmpty()) {
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
        return got.get(0);
      }
    }
    throw new AssertionError("no message in " + url);
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    for (String u : urls.values()) {
      sqs.deleteQueue(r -> r.queueUrl(u)).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
  }

  @Test
  void theBodyIsTheRawJsonTextNotBase64() throws Exception {
    String name = newName();
    GatewayMessage m = message(BODY);
    await(sink(config(name)).send(m));
    assertEquals(BODY, receive(url(name)).body());
  }

  @Test
  void aFifoQueueGroupsByUserAndDeduplicatesPerMessage() throws Exception {
    String name = newName() + ".fifo";
    GatewaySink s = sink(config(name));
    GatewayMessage m = message("{\"same\":true}");
    await(s.send(m));
    await(s.send(m)); // the same message sent twice is two SendMessage calls, each with its own dedup id
    Message first = receive(url(name));
    Message second = receive(url(name));
    assertEquals(m.attribute("user_id"), first.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    String dedup1 = first.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
    assertNotNull(dedup1);
    assertNotEquals(dedup1, second.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    assertEquals("{\"same\":true}", second.body());
  }
}
