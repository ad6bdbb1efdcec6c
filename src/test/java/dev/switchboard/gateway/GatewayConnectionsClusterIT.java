package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.TestServer;
import dev.switchboard.cluster.BrokerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * {@code @connections} from any node: a backend behind a load balancer reaches a socket held by another
 * node for post, get and delete, and a socket that closed anywhere is gone everywhere.
 */
class GatewayConnectionsClusterIT {
  private static BrokerProcess redis;
  private static TestServer nodeA;
  private static TestServer nodeB;

  @BeforeAll
  static void start() throws Exception {
    redis = BrokerProcess.redis();
    String json = """
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "adapter":{"driver":"redis","heartbeat_interval_ms":200,"redis":{"prefix":"gw-conn-it"}},
         "database":{"redis":{"host":"127.0.0.1","port":%d}},
         "gateway":{"auth":{"hmac_secret":"%s"}}}
        """.formatted(redis.port(), Tokens.SECRET);
    nodeA = TestServer.start(json, Map.of());
    nodeB = TestServer.start(json, Map.of());
    long deadline = System.currentTimeMillis() + 10_000;
    while (nodeA.server().broker().peers() < 1 || nodeB.server().broker().peers() < 1) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the nodes never heard each other");
      }
      Thread.sleep(50); // heartbeats of the nodes, not something the test drives
    }
  }

  @AfterAll
  static void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    redis.close();
  }

  @Test
  void aSocketOnNodeBIsPostedToDescribedAndDeletedThroughNodeA() throws Exception {
    try (GatewayClient c = GatewayClient.connect(nodeB.port(), "/gateway?authorization=" + Tokens.forUser("gil"));
        var viaA = GatewayConnectionsIT.client(nodeA.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      viaA.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"from\":\"A\"}")));
      viaA.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("second")));
      assertEquals("{\"from\":\"A\"}", c.nextText());
      assertEquals("second", c.nextText());
      GetConnectionResponse r = viaA.getConnection(b -> b.connectionId(id));
      assertEquals("127.0.0.1", r.identity().sourceIp());
      viaA.deleteConnection(b -> b.connectionId(id));
      assertEquals(1000, c.closeCode(5_000));
      assertThrows(GoneException.class, () -> viaA.getConnection(b -> b.connectionId(id)));
      try (var viaB = GatewayConnectionsIT.client(nodeB.port(), "app-key", "app-secret")) {
        assertThrows(GoneException.class, () -> viaB.postToConnection(b -> b.connectionId(id)
            .data(SdkBytes.fromUtf8String("late"))));
      }
    }
  }

  @Test
  void aClosedSocketIsGoneOnEveryNode() throws Exception {
    String id;
    try (GatewayClient c = GatewayClient.connect(nodeA.port(), "/gateway?authorization=" + Tokens.forUser("hu"))) {
      id = c.connectionId();
    }
    try (var viaB = GatewayConnectionsIT.client(nodeB.port(), "app-key", "app-secret");
        var viaA = GatewayConnectionsIT.client(nodeA.port(), "app-key", "app-secret")) {
      long deadline = System.currentTimeMillis() + 5_000;
      while (true) { // the client's close reaches the server a moment after close() returns
        try {
          viaA.getConnection(b -> b.connectionId(id));
        } catch (GoneException gone) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("the closed socket was still described after 5 s");
        }
        Thread.sleep(20);
      }
      assertThrows(GoneException.class, () -> viaB.getConnection(b -> b.connectionId(id)));
    }
  }
}
