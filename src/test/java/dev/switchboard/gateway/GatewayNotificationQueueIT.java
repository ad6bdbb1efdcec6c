package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.TestServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SUMU's notification path, unchanged on the backend side: the backend drops {@code {users, exclude_users,
 * data}} on an SQS queue as boto3 writes it (raw JSON), and the server delivers it to the gateway sockets;
 * a malformed one lands in the dead-letter queue while the next one is still delivered.
 */
class GatewayNotificationQueueIT {
  private static SQSRestServer elasticMq;
  private static SqsAsyncClient sqs;
  private static String queue;
  private static String deadLetters;
  private static TestServer server;
  private static final GatewaySockets open = new GatewaySockets();

  @BeforeAll
  static void start() throws Exception {
    elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    String endpoint = "http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort();
    sqs = SqsAsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of("elasticmq"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    queue = sqs.createQueue(r -> r.queueName("notifications")).get(10, TimeUnit.SECONDS).queueUrl();
    deadLetters = sqs.createQueue(r -> r.queueName("notifications-dlq")).get(10, TimeUnit.SECONDS).queueUrl();
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "gateway":{"auth":{"hmac_secret":"%s"},
           "notifications":{"queue":{"driver":"sqs","queue_url":"%s","dead_letter":"%s","endpoint":"%s",
             "region":"elasticmq","access_key_id":"x","secret_access_key":"x","wait_time_seconds":1}}}}
        """.formatted(Tokens.SECRET, queue, deadLetters, endpoint), Map.of());
  }

  /** A broadcast reaches every open socket: each test closes its own before the next one starts. */
  @AfterEach
  void closeSockets() throws Exception {
    open.closeAll();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    sqs.close();
    elasticMq.stopAndWait();
  }

  private static GatewayClient connect(String user) throws Exception {
    return open.connect(server.port(), user);
  }

  private static void drop(String body) throws Exception {
    sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aQueuedNotificationReachesEveryDeviceOfItsUsersOnce() throws Exception {
    List<GatewayClient> quinn = List.of(connect("quinn"), connect("quinn"), connect("quinn"));
    GatewayClient rae = connect("rae");
    drop("{\"users\":[\"quinn\",\"rae\",\"quinn\"],\"data\":{\"type\":\"order\",\"total\":12.50}}");
    for (GatewayClient c : quinn) {
      assertEquals("{\"type\":\"order\",\"total\":12.50}", c.nextText());
    }
    assertEquals("{\"type\":\"order\",\"total\":12.50}", rae.nextText());
    for (GatewayClient c : quinn) {
      c.send("{\"action\":\"ping\"}");
      assertEquals("pong", c.next().path("type").asText(), "exactly one copy per socket");
    }
  }

  @Test
  void aMalformedNotificationIsDeadLetteredAndTheNextIsDelivered() throws Exception {
    GatewayClient sid = connect("sid");
    drop("{\"users\":[\"sid\"],\"data\":");
    drop("{\"users\":[\"sid\"],\"data\":\"after the bad one\"}");
    assertEquals("\"after the bad one\"", sid.nextText());
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1))
          .get(10, TimeUnit.SECONDS).messages();
      if (!got.isEmpty()) {
        assertEquals("{\"users\":[\"sid\"],\"data\":", got.get(0).body());
        return;
      }
    }
    throw new AssertionError("the malformed notification never reached the dead-letter queue");
  }

  @Test
  void aQueuedBroadcastSkipsTheExcludedUsers() throws Exception {
    GatewayClient tia = connect("tia");
    GatewayClient uma = connect("uma");
    drop("{\"exclude_users\":[\"uma\"],\"data\":[\"all\",\"but\",\"uma\"]}");
    assertEquals("[\"all\",\"but\",\"uma\"]", tia.nextText());
    uma.send("{\"action\":\"ping\"}");
    assertEquals("pong", uma.next().path("type").asText());
  }
}
