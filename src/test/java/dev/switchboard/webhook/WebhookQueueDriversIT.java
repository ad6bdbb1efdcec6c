package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.client.channel.PresenceChannel;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real client-driven webhooks end to end through each durable queue driver against its real broker (the
 * machine's Redis, RabbitMQ and NATS; ElasticMQ in this JVM for SQS), including a spell of 503s so jobs
 * travel through the retry topic too; every request is checked with pusher-http-java's validator.
 */
class WebhookQueueDriversIT {
  private static SQSRestServer sqs;
  private static int sqsPort;

  @BeforeAll
  static void startElasticMq() {
    sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    sqsPort = sqs.waitUntilStarted().localAddress().getPort();
  }

  @AfterAll
  static void stopElasticMq() {
    sqs.stopAndWait();
  }

  private static String queue(String driver) {
    String prefix = "sbhooks" + UUID.randomUUID().toString().substring(0, 8);
    String settings = switch (driver) {
      case "redis" -> "\"redis\":{\"url\":\"redis://127.0.0.1:6379/0\"}";
      case "rabbitmq" -> "\"rabbitmq\":{\"url\":\"amqp://guest:guest@127.0.0.1:5672\"}";
      case "nats" -> "\"nats\":{\"servers\":\"nats://127.0.0.1:4222\"}";
      case "sqs" -> ("\"sqs\":{\"endpoint\":\"http://127.0.0.1:%d\",\"region\":\"elasticmq\",\"wait_time_seconds\":1,"
          + "\"access_key_id\":\"x\",\"secret_access_key\":\"x\"}").formatted(sqsPort);
      default -> throw new IllegalArgumentException(driver);
    };
    return "{\"driver\":\"%s\",\"prefix\":\"%s\",\"redelivery_ms\":5000,%s}".formatted(driver, prefix, settings);
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "rabbitmq", "nats", "sqs"})
  void clientDrivenWebhooksArriveSignedThroughTheDriverAndItsRetryTopic(String driver) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver("app-id", "app-key", "app-secret")) {
      String config = """
          {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":500,
           "queue":%s,
           "webhooks":{"retry":{"initial_delay_ms":200,"max_delay_ms":500,"max_elapsed_ms":60000}},
           "app_manager":{"driver":"memory","array":{"apps":[
             {"id":"app-id","key":"app-key","secret":"app-secret","enable_client_messages":true,
              "webhooks":[{"url":"%s","event_types":["channel_occupied","member_added","client_event"]}]}]}}}
          """.formatted(queue(driver), receiver.url("/hook"));
      try (TestServer server = TestServer.start(config, Map.of())) {
        Pusher p = new Clients(server.port()).connect("alice");
        Clients.subscribe(p, "plain-" + driver);
        receiver.await("/hook", "channel_occupied", "plain-" + driver);

        receiver.answer(503); // the next jobs fail first and go through the retry topic
        PresenceChannel room = Clients.subscribePresence(p, "presence-" + driver);
        room.trigger("client-hello", "{\"n\":1}");
        receiver.awaitRequests(3);
        receiver.answer(200);
        var member = receiver.await(e -> e.name().equals("member_added"));
        assertEquals("alice", member.json().path("user_id").asText());
        var event = receiver.await(e -> e.name().equals("client_event"));
        assertEquals("client-hello", event.json().path("event").asText());
        assertEquals("alice", event.json().path("user_id").asText());
        for (var r : receiver.requests()) {
          assertEquals(Validity.VALID, r.validity(), driver + ": " + r.body());
          assertTrue(r.reserialises(), driver + ": body not compact: " + r.body());
        }
        p.disconnect();
      }
    }
  }
}
