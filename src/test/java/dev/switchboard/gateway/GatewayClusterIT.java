package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.NodeProcess;
import dev.switchboard.cluster.BrokerProcess;
import dev.switchboard.metrics.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presence across three nodes (separate JVMs, started as a user starts them) sharing a Redis adapter: a
 * user on two nodes is ONLINE once and OFFLINE once; a user whose only node is SIGKILLed goes OFFLINE when
 * the survivors notice the node is gone, while users on the survivors stay connected.
 */
class GatewayClusterIT {
  private static final String RUN = Long.toString(System.nanoTime(), 36);
  private static final String PRESENCE = "gw-cluster-presence-" + RUN;
  private static BrokerProcess redis;
  private static StreamEntries streams;
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static final List<Integer> metricsPorts = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    redis = BrokerProcess.redis();
    streams = new StreamEntries();
    String sink = "{\"driver\":\"redis_stream\",\"url\":\"redis://127.0.0.1:6379\",\"stream\":\"" + PRESENCE + "\"}";
    for (int i = 1; i <= 3; i++) {
      int metrics = NodeProcess.freePort();
      metricsPorts.add(metrics);
      nodes.add(NodeProcess.start("gateway-node" + i, NodeProcess.env("ADAPTER_DRIVER", "redis",
          "REDIS_URL", "redis://127.0.0.1:" + redis.port(), "SWITCHBOARD_ADAPTER_REDIS_PREFIX", "it-gw-" + RUN,
          "SWITCHBOARD_ADAPTER_HEARTBEAT_INTERVAL_MS", "250", "SWITCHBOARD_ADAPTER_NODE_TIMEOUT_MS", "2000",
          "SWITCHBOARD_METRICS_ENABLED", "true", "SWITCHBOARD_METRICS_HOST", "127.0.0.1",
          "SWITCHBOARD_METRICS_PORT", Integer.toString(metrics),
          "SWITCHBOARD_GATEWAY_AUTH_HMAC_SECRET", Tokens.SECRET, "SWITCHBOARD_GATEWAY_PRESENCE_SINK", sink)));
    }
    // each node sends an event only for the users it owns among the nodes it has heard: wait until every
    // node has heard the other two, or the first connections could be owned twice or not at all
    for (int port : metricsPorts) {
      awaitPeers(port, 2);
    }
  }

  private static void awaitPeers(int metricsPort, int peers) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    java.util.regex.Pattern seen =
        java.util.regex.Pattern.compile("(?m)^\\w*cluster_peers\\{[^}]*} " + peers + "\\.0$");
    while (!seen.matcher(Scrape.get(metricsPort, "/metrics")).find()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("node on metrics port " + metricsPort + " never saw " + peers + " peers");
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (NodeProcess n : nodes) {
      n.close();
    }
    redis.close();
    streams.delete(PRESENCE);
    streams.close();
  }

  private static GatewayClient connect(int node, String user) {
    return GatewayClient.connect(nodes.get(node).port(), "/gateway?authorization=" + Tokens.forUser(user));
  }

  private static List<String> statuses(String user, int atLeast) throws Exception {
    return streams.await(PRESENCE, e -> user.equals(e.get("user_id")), atLeast).stream()
        .map(e -> e.get("body").contains("\"ONLINE\"") ? "ONLINE" : "OFFLINE").toList();
  }

  @Test
  void aUserOnTwoNodesIsOnlineOnceAndOfflineOnceAfterTheLastSocket() throws Exception {
    GatewayClient onA = connect(0, "dora");
    GatewayClient onB = connect(1, "dora");
    String idA = onA.connectionId();
    assertNotEquals(idA, onB.connectionId());
    assertEquals(List.of("ONLINE"), statuses("dora", 1));
    onA.close();
    onA.closed.get(5, TimeUnit.SECONDS);
    onB.close();
    assertEquals(List.of("ONLINE", "OFFLINE"), statuses("dora", 2));
  }

  @Test
  void aUserOnANodeThatDiesGoesOfflineAndOthersStayConnected() throws Exception {
    GatewayClient survivor = connect(0, "finn");
    survivor.connectionId();
    GatewayClient doomed = connect(2, "eve");
    doomed.connectionId();
    assertEquals(List.of("ONLINE"), statuses("eve", 1));
    nodes.get(2).kill();
    assertEquals(List.of("ONLINE", "OFFLINE"), statuses("eve", 2));
    survivor.connectionId(); // still answered: the survivor's socket was not dropped
    assertEquals(List.of("ONLINE"), statuses("finn", 1));
    survivor.close();
  }
}
