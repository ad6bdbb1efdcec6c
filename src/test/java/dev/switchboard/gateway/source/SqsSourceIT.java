package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The contract on SQS, served by ElasticMQ in this JVM; the producer is the AWS SDK's SendMessage, as boto3's. */
class SqsSourceIT extends NotificationSourceContract {
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

  private String url(String name) {
    return urls.computeIfAbsent(name, n -> sqs.createQueue(r -> r.queueName(n)).join().queueUrl());
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "sqs").put("queue_url", url(name)).put("region", "elasticmq")
        .put("endpoint", endpoint).put("access_key_id", "x").put("secret_access_key", "x")
        .put("wait_time_seconds", 1).put("redelivery_delay_ms", 300).put("dead_letter", url(deadLetterName(name)));
  }

  @Override
  protected void publish(String name, String body) throws Exception {
    sqs.sendMessage(r -> r.queueUrl(url(name)).messageBody(body)).get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  protected String nextDeadLetter(String name) throws Exception {
    String u = url(deadLetterName(name));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(u).maxNumberOfMessages(1).waitTimeSeconds(1))
          .get(TIMEOUT_S, TimeUnit.SECONDS).messages();
      if (!got.isEmpty()) {
        sqs.deleteMessage(r -> r.queueUrl(u).receiptHandle(got.get(0).receiptHandle())).join();
        return got.get(0).body();
      }
    }
    throw new AssertionError("nothing in " + u);
  }

  @Override
  protected long outstanding(String name) throws Exception {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url(name)).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).get(TIMEOUT_S, TimeUnit.SECONDS).attributes();
    return a.values().stream().mapToLong(Long::parseLong).sum();
  }

  @Override
  protected void cleanup(Set<String> names) {
    urls.values().forEach(u -> sqs.deleteQueue(r -> r.queueUrl(u)).join());
  }

  @Test
  void anSnsNotificationWithoutRawDeliveryIsUnwrapped() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    start(config(name), r);
    ObjectNode sns = JSON.createObjectNode().put("Type", "Notification").put("MessageId", "m-1")
        .put("TopicArn", "arn:aws:sns:us-east-1:000000000000:notifications").put("Message", BODY)
        .put("Timestamp", "2026-01-01T00:00:00.000Z");
    publish(name, JSON.writeValueAsString(sns));
    Call c = r.next();
    assertEquals(BODY, c.body());
    c.done().complete();
  }

  @Test
  void aQueueThatDoesNotExistFailsStartNamingTheKey() throws Exception {
    NotificationSource s = NotificationSources.create(vertx, KEY, config(newName())
        .put("queue_url", endpoint + "/000000000000/missing" + run));
    Throwable e = s.start(c -> io.vertx.core.Future.succeededFuture()).toCompletionStage().toCompletableFuture()
        .handle((v, t) -> t).get(TIMEOUT_S, TimeUnit.SECONDS);
    org.junit.jupiter.api.Assertions.assertTrue(e != null && e.getMessage().contains(KEY), String.valueOf(e));
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
