package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * What a backend receives: a client's {@code send} frame in a Redis stream and its {@code publish} frame in
 * an SQS queue (ElasticMQ), each as the message's JSON with the sender's user, connection, app, source and
 * time; and the users' ONLINE/OFFLINE events in their own stream, once per user however many devices.
 */
class GatewayRoutesIT {
  private static final String RUN = Long.toString(System.nanoTime(), 36);
  private static final String SENDS = "gw-it-send-" + RUN;
  private static final String PRESENCE = "gw-it-presence-" + RUN;
  private static SQSRestServer elasticMq;
  private static SqsAsyncClient sqs;
  private static String queueUrl;
  private static StreamEntries streams;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
    sqs = SqsAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
        .region(Region.of("elasticmq"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    queueUrl = sqs.createQueue(r -> r.queueName("gw-publish")).get(10, TimeUnit.SECONDS).queueUrl();
    streams = new StreamEntries();
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "gateway":{"auth":{"hmac_secret":"%s"},
           "routes":{
             "send":{"driver":"redis_stream","url":"redis://127.0.0.1:6379","stream":"%s"},
             "publish":{"driver":"sqs","queue_url":"%s","endpoint":"http://127.0.0.1:%d","region":"elasticmq",
                        "access_key_id":"x","secret_access_key":"x"}},
           "presence":{"sink":{"driver":"redis_stream","url":"redis://127.0.0.1:6379","stream":"%s"}}}}
        """.formatted(Tokens.SECRET, SENDS, queueUrl, sqsPort, PRESENCE), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    streams.delete(SENDS, PRESENCE);
    streams.close();
    sqs.close();
    elasticMq.stopAndWait();
  }

  private static GatewayClient connect(String user) {
    return GatewayClient.connect(server.port(), "/gateway?authorization=" + Tokens.forUser(user));
  }

  @Test
  void aSendFrameReachesTheStreamWithItsSendersAttributes() throws Exception {
    try (GatewayClient c = connect("ann")) {
      String id = c.connectionId();
      long before = System.currentTimeMillis();
      c.send("{\"action\":\"send\",\"message\":{\"text\":\"hi \\u00e9\",\"n\":[1,2]}}");
      Map<String, String> e = streams.await(SENDS, x -> true, 1).get(0);
      assertEquals(GatewayClient.JSON.readTree("{\"text\":\"hi é\",\"n\":[1,2]}"),
          GatewayClient.JSON.readTree(e.get("body")));
      assertEquals("gateway.route.send", e.get("source"));
      assertEquals("ann", e.get("user_id"));
      assertEquals(id, e.get("connection_id"));
      assertEquals("app-id", e.get("app_id"));
      assertTrue(Long.parseLong(e.get("timestamp")) >= before, e.toString());
    }
  }

  @Test
  void aPublishFrameReachesSqsAsRawJsonWithMessageAttributes() throws Exception {
    try (GatewayClient c = connect("ben")) {
      String id = c.connectionId();
      c.send("{\"action\":\"publish\",\"message\":{\"room\":\"r1\",\"body\":\"hello\"}}");
      Message m = receiveOne();
      assertEquals(GatewayClient.JSON.readTree("{\"room\":\"r1\",\"body\":\"hello\"}"),
          GatewayClient.JSON.readTree(m.body()), "the body is the JSON itself, as boto3 reads it, not base64");
      assertEquals("gateway.route.publish", m.messageAttributes().get("source").stringValue());
      assertEquals("ben", m.messageAttributes().get("user_id").stringValue());
      assertEquals(id, m.messageAttributes().get("connection_id").stringValue());
      assertEquals("app-id", m.messageAttributes().get("app_id").stringValue());
    }
  }

  private static Message receiveOne() throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      ReceiveMessageResponse r = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
          .messageAttributeNames("All")).get(10, TimeUnit.SECONDS);
      if (r.hasMessages() && !r.messages().isEmpty()) {
        return r.messages().get(0);
      }
    }
    throw new AssertionError("nothing arrived in the SQS queue within 10 s");
  }

  @Test
  void aUserWithTwoDevicesIsOnlineOnceAndOfflineAfterTheLastCloses() throws Exception {
    GatewayClient phone = connect("cleo");
    GatewayClient laptop = connect("cleo");
    phone.connectionId();
    laptop.connectionId();
    phone.close();
    phone.closed.get(5, TimeUnit.SECONDS);
    laptop.close();
    List<JsonNode> events = presenceOf("cleo", 2);
    assertEquals(2, events.size(), events.toString());
    assertEquals("ONLINE", events.get(0).path("message").path("status").asText());
    assertEquals("OFFLINE", events.get(1).path("message").path("status").asText());
    assertEquals("presence", events.get(0).path("type").asText());
    assertTrue(events.get(1).path("message").path("timestamp").asLong() > 0);
  }

  private static List<JsonNode> presenceOf(String user, int n) throws Exception {
    List<JsonNode> mine = new ArrayList<>();
    for (Map<String, String> e : streams.await(PRESENCE, x -> user.equals(x.get("user_id")), n)) {
      assertEquals("gateway.presence", e.get("source"));
      mine.add(GatewayClient.JSON.readTree(e.get("body")));
    }
    return mine;
  }
}
