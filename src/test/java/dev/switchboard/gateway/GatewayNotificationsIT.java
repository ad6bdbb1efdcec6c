package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import dev.switchboard.TestServer;
import dev.switchboard.cluster.BrokerProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications from a backend over HTTP, signed by the {@code pusher} server SDK as any API call: to one
 * user on three devices, to a list with duplicates, to everyone but some, across two nodes sharing Redis;
 * each socket receives exactly the {@code data} text, once.
 */
class GatewayNotificationsIT {
  private static BrokerProcess redis;
  private static TestServer nodeA;
  private static TestServer nodeB;
  private static Pusher api;
  private static final GatewaySockets open = new GatewaySockets();

  @BeforeAll
  static void start() {
    redis = BrokerProcess.redis();
    String json = """
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "adapter":{"driver":"redis","redis":{"prefix":"gw-notify-it"}},
         "database":{"redis":{"host":"127.0.0.1","port":%d}},
         "gateway":{"auth":{"hmac_secret":"%s"}}}
        """.formatted(redis.port(), Tokens.SECRET);
    nodeA = TestServer.start(json, Map.of());
    nodeB = TestServer.start(json, Map.of());
    api = nodeA.api();
  }

  /** A broadcast reaches every open socket: each test closes its own before the next one starts. */
  @AfterEach
  void closeSockets() throws Exception {
    open.closeAll();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    nodeA.close();
    nodeB.close();
    redis.close();
  }

  private static GatewayClient connect(TestServer node, String user) throws Exception {
    return open.connect(node.port(), user);
  }

  private static JsonNode post(String body) throws Exception {
    Result r = api.post("/notifications", body);
    assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
    return GatewayClient.JSON.readTree(r.getMessage());
  }

  /** Proves {@code c} got nothing: its ping's pong is the next message. */
  private static void nothingFor(GatewayClient c) throws Exception {
    c.send("{\"action\":\"ping\"}");
    assertEquals("pong", c.next().path("type").asText());
  }

  @Test
  void oneUserOnThreeDevicesOnTwoNodesGetsTheDataExactlyOnEach() throws Exception {
    List<GatewayClient> devices = List.of(connect(nodeA, "ivy"), connect(nodeB, "ivy"), connect(nodeA, "ivy"));
    GatewayClient other = connect(nodeB, "jon");
    String data = "{\"n\": 1.50, \"text\":\"caf\\u00e9\", \"list\":[1, 2]}";
    post("{\"users\":[\"ivy\"],\"data\":" + data + "}");
    for (GatewayClient d : devices) {
      assertEquals(data, d.nextText());
    }
    nothingFor(other);
  }

  @Test
  void aListWithDuplicatesReachesEachSocketOnce() throws Exception {
    GatewayClient kim = connect(nodeA, "kim");
    GatewayClient lee = connect(nodeB, "lee");
    JsonNode reach = post("{\"users\":[\"kim\",\"lee\",\"kim\",\"nobody\"],\"data\":\"hello\"}");
    assertEquals("\"hello\"", kim.nextText());
    assertEquals("\"hello\"", lee.nextText());
    nothingFor(kim);
    nothingFor(lee);
    assertEquals(true, reach.path("connections").isInt(), reach.toString());
    assertEquals(true, reach.path("users").isInt(), reach.toString());
  }

  @Test
  void aBroadcastReachesEveryoneButTheExcludedUsers() throws Exception {
    GatewayClient mia = connect(nodeA, "mia");
    GatewayClient ned = connect(nodeB, "ned");
    GatewayClient oto = connect(nodeB, "oto");
    post("{\"exclude_users\":[\"ned\"],\"data\":{\"kind\":\"maintenance\"}}");
    assertEquals("{\"kind\":\"maintenance\"}", mia.nextText());
    assertEquals("{\"kind\":\"maintenance\"}", oto.nextText());
    nothingFor(ned);
  }

  @Test
  void theReachCountsTheUsersAndSocketsTheNodeKnows() throws Exception {
    connect(nodeA, "pam");
    connect(nodeA, "pam");
    JsonNode reach = post("{\"users\":[\"pam\"],\"data\":1}");
    assertEquals(2, reach.path("connections").asInt(), reach.toString());
    assertEquals(1, reach.path("users").asInt(), reach.toString());
  }

  @Test
  void aMalformedNotificationIsRefusedWith400() throws Exception {
    for (String bad : List.of("{}", "[1]", "{\"users\":\"x\",\"data\":1}", "{\"users\":[{}],\"data\":1}", "nope")) {
      Result r = api.post("/notifications", bad);
      assertEquals(400, r.getHttpStatus(), bad + " → " + r.getMessage());
      assertEquals(true, GatewayClient.JSON.readTree(r.getMessage()).has("error"), r.getMessage());
    }
  }
}
