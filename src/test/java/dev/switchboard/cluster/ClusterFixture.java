package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.rest.data.Result;
import dev.switchboard.NodeProcess;
import dev.switchboard.TestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * Three nodes in separate JVMs sharing one broker, and the helpers the cluster tests share. Subclasses
 * start the broker and say how nodes reach it.
 */
abstract class ClusterFixture {
  static final int QUOTA = 8;
  /** Presence members per channel, cluster-wide. */
  static final int MEMBER_LIMIT = 4;
  static final int NODE_TIMEOUT_MS = 2000;
  /** An app that allows one connection in the whole cluster (beside the default app of every test). */
  static final String ONE_CONNECTION = "one-conn";
  /** An app whose presence channels allow one member in the whole cluster. */
  static final String ONE_MEMBER = "one-member";
  private static final String EXTRA_APPS = """
      {"app_manager":{"array":{"apps":[
        {"id":"one-conn","key":"one-conn-key","secret":"one-conn-secret","max_connections":1},
        {"id":"one-member","key":"one-member-key","secret":"one-member-secret","max_connections":-1,
         "max_presence_members_per_channel":1}]}}}
      """;
  static BrokerProcess broker;
  static List<NodeProcess> nodes = new ArrayList<>();
  /** Every client the current test opened: closed after it, so a test that fails leaves no member behind. */
  private static final List<TestClient> OPENED = new ArrayList<>();
  /** A fourth node started after clients exist; it stops gracefully in its own test. */
  static NodeProcess late;
  static String driver;
  static Map<String, String> brokerEnv;
  /** Each node's metrics port (on loopback). */
  static final Map<NodeProcess, Integer> metricsPorts = new HashMap<>();

  static void startNodes(String driver, Map<String, String> brokerEnv) {
    ClusterFixture.driver = driver;
    ClusterFixture.brokerEnv = brokerEnv;
    for (int i = 1; i <= 3; i++) {
      nodes.add(startNode(driver + "-node" + i));
    }
  }

  static NodeProcess startNode(String name) {
    int metricsPort = NodeProcess.freePort();
    Map<String, String> env = NodeProcess.env("ADAPTER_DRIVER", driver,
        "SWITCHBOARD_ADAPTER_HEARTBEAT_INTERVAL_MS", "250",
        "SWITCHBOARD_ADAPTER_NODE_TIMEOUT_MS", Integer.toString(NODE_TIMEOUT_MS),
        "SWITCHBOARD_ADAPTER_REDIS_PREFIX", "it-" + driver,
        // several loops per node, so sockets of one node race each other as in production
        "SWITCHBOARD_EVENT_LOOPS", "3",
        "SWITCHBOARD_METRICS_ENABLED", "true", "SWITCHBOARD_METRICS_HOST", "127.0.0.1",
        "SWITCHBOARD_METRICS_PORT", Integer.toString(metricsPort),
        "SWITCHBOARD_DEFAULT_APP_ID", "app-id", "SWITCHBOARD_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true",
        "SWITCHBOARD_DEFAULT_APP_ENABLE_USER_AUTHENTICATION", "false",
        "SWITCHBOARD_DEFAULT_APP_ENABLE_WATCHLIST_EVENTS", "true",
        "SWITCHBOARD_DEFAULT_APP_MAX_PRESENCE_MEMBERS_PER_CHANNEL", Integer.toString(MEMBER_LIMIT),
        "SWITCHBOARD_DEFAULT_APP_MAX_CONNECTIONS", Integer.toString(QUOTA));
    env.putAll(brokerEnv);
    NodeProcess n = NodeProcess.start(name, env, "--config", extraApps().toString());
    metricsPorts.put(n, metricsPort);
    return n;
  }

  private static java.nio.file.Path extraApps() {
    java.nio.file.Path file = java.nio.file.Path.of("target", "nodes", "cluster-apps.json");
    try {
      file.getParent().toFile().mkdirs();
      java.nio.file.Files.writeString(file, EXTRA_APPS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (late != null) {
      late.close();
      late = null;
    }
    for (NodeProcess n : nodes) {
      n.close();
    }
    nodes.clear();
    if (broker != null) {
      broker.close();
    }
  }

  static com.pusher.rest.Pusher api(NodeProcess n) {
    com.pusher.rest.Pusher p = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    p.setHost(n.hostPort());
    p.setEncrypted(false);
    return p;
  }

  static TestClient client(NodeProcess n, String user) throws Exception {
    TestClient c = TestClient.connect(n.port(), "app-key", "app-secret", user);
    OPENED.add(c);
    return c;
  }

  /** A client of app {@code appId} (key and secret are its id plus -key and -secret), not yet connecting. */
  static TestClient clientOf(String appId, NodeProcess n, String user) {
    TestClient c = TestClient.open(n.port(), appId + "-key", appId + "-secret", user);
    OPENED.add(c);
    return c;
  }

  static com.pusher.rest.Pusher api(String appId, NodeProcess n) {
    com.pusher.rest.Pusher p = new com.pusher.rest.Pusher(appId, appId + "-key", appId + "-secret");
    p.setHost(n.hostPort());
    p.setEncrypted(false);
    return p;
  }

  @AfterEach
  void closeWhatTheTestOpened() {
    OPENED.forEach(TestClient::close); // closing twice is harmless: a closed client ignores it
    OPENED.clear();
  }

  /** Polls an API answer until it matches; the cluster converges asynchronously. */
  static String eventually(NodeProcess n, String path, Map<String, String> params, String expectedPart)
      throws InterruptedException {
    String last = null;
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      Result r = api(n).get(path, params);
      last = r.getMessage();
      if (last != null && last.contains(expectedPart)) {
        return last;
      }
      Thread.sleep(50); // convergence has no event to wait on from outside; bounded poll
    }
    throw new AssertionError("expected " + expectedPart + " from " + path + " but got " + last);
  }

  static void awaitNoConnections(NodeProcess n) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + n.hostPort() + "/usage")).build();
    String body = "";
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      body = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains("\"connections\":0")) {
        return;
      }
      Thread.sleep(50); // sockets of earlier tests are still closing; bounded poll
    }
    throw new AssertionError("node still has connections: " + body);
  }
  /**
   * Closed sockets leave the cluster-wide count a moment after the client lets go of them: later tests
   * must not start while some node still counts them and would refuse their clients with 4100.
   */
  static void awaitQuotaFreedOnEveryNode() throws Exception {
    for (NodeProcess n : nodes) {
      awaitNoConnections(n);
    }
    for (NodeProcess n : nodes) {
      long deadline = System.currentTimeMillis() + 5_000;
      boolean accepted = false;
      while (!accepted && System.currentTimeMillis() < deadline) {
        TestClient probe = TestClient.open(n.port(), "app-key", "app-secret", "probe");
        try {
          java.util.concurrent.CompletableFuture<Void> up = probe.start();
          java.util.concurrent.CompletableFuture.anyOf(up, probe.errorCode).get(5, TimeUnit.SECONDS);
          accepted = up.isDone();
          if (!accepted) {
            Thread.sleep(100); // refused: the count update is still on its way to this node
          }
        } finally {
          probe.close();
        }
      }
      assertTrue(accepted, "node on port " + n.port() + " accepts connections again once the quota is freed");
    }
    for (NodeProcess n : nodes) {
      awaitNoConnections(n);
    }
  }
}
