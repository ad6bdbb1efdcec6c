package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestServer;
import dev.switchboard.cluster.BrokerProcess;
import dev.switchboard.metrics.Scrape;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing a Redis of the test's own: a topic spans both. Other nodes' subscriber counts reach a
 * node only after a coalescing delay, so these tests publish before that delay and check that nothing is
 * lost, then check that the {@code clients} count converges both ways.
 */
class SignalingClusterIT {
  private static final AtomicLong PROBES = new AtomicLong();
  private static BrokerProcess redis;
  private static TestServer nodeA;
  private static TestServer nodeB;

  @BeforeAll
  static void start() {
    redis = BrokerProcess.redis();
    String json = """
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
         "adapter":{"driver":"redis","redis":{"prefix":"signaling-cluster-it"}},
         "database":{"redis":{"host":"127.0.0.1","port":%d}},
         "signaling":{"max_connections_per_ip_per_second":-1,"max_publish_per_second":-1}}
        """.formatted(redis.port());
    nodeA = TestServer.start(json, Map.of());
    nodeB = TestServer.start(json, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    redis.close();
  }

  private static SignalingClient on(TestServer node) {
    return SignalingClient.connect(node.port(), "/signaling");
  }

  @Test
  void aPublishReachesASubscriberOnTheOtherNodeRightAfterItSubscribed() throws Exception {
    try (SignalingClient publisher = on(nodeA); SignalingClient peer = on(nodeB)) {
      for (int i = 0; i < 5; i++) {
        String topic = "fresh-" + i;
        peer.send("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}");
        peer.assertNothingPending(); // the pong follows the subscribe: node B has it now, node A not yet
        // nobody on node A is subscribed and A has not heard of B's subscriber: it must still go out
        publisher.send("{\"type\":\"publish\",\"topic\":\"" + topic + "\",\"n\":" + i + "}");
        assertEquals(i, peer.next("publish").get("n").asInt());
      }
      publisher.assertNothingPending(); // not subscribed, so not a recipient
    }
  }

  @Test
  void clientsCountsSubscribersOnBothNodesAndForgetsAClosedSocket() throws Exception {
    try (SignalingClient a = on(nodeA); SignalingClient b1 = on(nodeB); SignalingClient b2 = on(nodeB)) {
      for (SignalingClient c : new SignalingClient[] {a, b1, b2}) {
        c.send("{\"type\":\"subscribe\",\"topics\":[\"room\"]}");
      }
      awaitClients(a, "room", 3);
      // node B counts node A's subscriber too
      awaitClients(b2, "room", 3);
      b1.close();
      awaitClients(a, "room", 2);
      awaitClients(b2, "room", 2);
      Await.until("node B forgets the closed socket's topics",
          () -> nodeB.server().signaling().stats().activeSubscriptions() == 1);
    }
  }

  @Test
  void whenTheBrokerIsGoneLocalSubscribersStillGetPublishesAndTheFailuresAreCounted() throws Exception {
    BrokerProcess own = BrokerProcess.redis();
    try (TestServer node = TestServer.start("""
            {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":200,
             "adapter":{"driver":"redis","redis":{"prefix":"signaling-broker-down-it"}},
             "database":{"redis":{"host":"127.0.0.1","port":%d}},
             "signaling":{"max_publish_per_second":-1}}
            """.formatted(own.port()), Map.of());
        SignalingClient c = on(node)) {
      String failures = "switchboard_signaling_broker_failures_total{port=\"" + node.port() + "\"}";
      c.send("{\"type\":\"subscribe\",\"topics\":[\"room\"]}");
      own.kill();
      long deadline = System.currentTimeMillis() + 10_000;
      while (Scrape.of(node.metricsPort()).value(failures) == 0 && System.currentTimeMillis() < deadline) {
        c.send("{\"type\":\"publish\",\"topic\":\"room\"}");
        assertEquals(1, c.next("publish").get("clients").asInt()); // delivered here whatever the broker does
        Thread.sleep(50); // the node notices the dead broker asynchronously; nothing to wait on from outside
      }
      assertTrue(Scrape.of(node.metricsPort()).value(failures) > 0, "broker failures counted");
      c.assertAlive();
    } finally {
      own.close();
    }
  }

  /**
   * Publishes from {@code c} until its own copy carries {@code expected} clients (counts converge). Each
   * probe is marked, so copies of other clients' publishes queued on {@code c} are skipped.
   */
  private static void awaitClients(SignalingClient c, String topic, int expected) throws Exception {
    long deadline = System.currentTimeMillis() + 5_000;
    int last;
    do {
      String probe = Long.toString(PROBES.incrementAndGet());
      c.send("{\"type\":\"publish\",\"topic\":\"" + topic + "\",\"probe\":\"" + probe + "\"}");
      JsonNode m;
      do {
        m = c.next("publish");
      } while (!probe.equals(m.path("probe").asText()));
      last = m.get("clients").asInt();
      if (last == expected) {
        return;
      }
      Thread.sleep(20); // the count travels through Redis; there is no event to wait on from a client
    } while (System.currentTimeMillis() < deadline);
    assertEquals(expected, last, "clients count seen by a publisher within 5 s");
  }
}
