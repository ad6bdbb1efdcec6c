package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pusher.rest.data.Result;
import dev.switchboard.NodeProcess;
import dev.switchboard.RawSocket;
import dev.switchboard.pusher.PusherSignatures;
import java.util.Map;
import java.util.TreeMap;

/** Pusher frames a backend-signed raw client sends, and API answers parsed, for the cluster tests. */
final class ClusterSockets {
  static final ObjectMapper JSON = new ObjectMapper();

  private ClusterSockets() {}

  static String subscribeFrame(String channel) {
    return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}";
  }

  /** A presence subscribe as {@code user}, signed as the app's backend would. */
  static String joinFrame(String socketId, String channel, String user) {
    return joinFrame("app-key", "app-secret", socketId, channel, user);
  }

  /** {@link #joinFrame(String, String, String)} for the app with {@code key} and {@code secret}. */
  static String joinFrame(String key, String secret, String socketId, String channel, String user) {
    return joinAs(key, secret, socketId, channel, "\"" + user + "\"", user);
  }

  /** A presence subscribe as the numeric id {@code user} (Laravel's ids are integers). */
  static String joinFrame(String socketId, String channel, long user) {
    return joinAs("app-key", "app-secret", socketId, channel, Long.toString(user), "n" + user);
  }

  private static String joinAs(String key, String secret, String socketId, String channel, String userIdJson,
      String name) {
    String data = "{\"user_id\":" + userIdJson + ",\"user_info\":{\"name\":\"" + name + "\"}}";
    String sig = PusherSignatures.hmacHex(secret, socketId + ":" + channel + ":" + data);
    return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":\"" + key + ":"
        + sig + "\",\"channel_data\":" + quote(data) + "}}";
  }

  static String unsubscribeFrame(String channel) {
    return "{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"" + channel + "\"}}";
  }

  /** Signs in as {@code user} watching {@code watchlist}, and waits for signin_success. */
  static void signin(RawSocket s, String socketId, String user, String... watchlist) throws Exception {
    String userData = JSON.writeValueAsString(Map.of("id", user, "watchlist", watchlist));
    String sig = PusherSignatures.hmacHex("app-secret", socketId + "::user::" + userData);
    s.send("{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"app-key:" + sig + "\",\"user_data\":"
        + quote(userData) + "}}");
    if (s.next("pusher:signin_success", 10_000) == null) {
      throw new AssertionError("no signin_success for " + user);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * What a client can ask any node about the cluster: every occupied channel with its subscription_count
   * (and user_count for presence), plus each presence channel's user ids, sorted.
   */
  static Map<String, String> clusterView(NodeProcess n) throws Exception {
    com.pusher.rest.Pusher api = ClusterFixture.api(n);
    Map<String, String> view = new TreeMap<>();
    JsonNode channels = JSON.readTree(ok(api.get("/channels", Map.of()))).path("channels");
    for (String name : (Iterable<String>) channels::fieldNames) {
      String info = name.startsWith("presence-") ? "subscription_count,user_count" : "subscription_count";
      JsonNode ch = JSON.readTree(ok(api.get("/channels/" + name, Map.of("info", info))));
      String value = "sockets=" + ch.path("subscription_count").asInt();
      if (name.startsWith("presence-")) {
        TreeMap<String, Boolean> users = new TreeMap<>();
        JSON.readTree(ok(api.get("/channels/" + name + "/users", Map.of()))).path("users")
            .forEach(u -> users.put(u.path("id").asText(), true));
        value += " user_count=" + ch.path("user_count").asInt() + " users=" + users.keySet();
      }
      view.put(name, value);
    }
    return view;
  }

  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  /** A plain GET on loopback: the status code and body. */
  static java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a series (any labels) on a node's metrics port, or NaN when it has none. */
  static double metric(NodeProcess n, String series) throws Exception {
    String body = get(ClusterFixture.metricsPorts.get(n), "/metrics").body();
    for (String line : body.split("\n")) {
      if (line.startsWith(series + " ") || line.startsWith(series + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(" ") + 1));
      }
    }
    return Double.NaN;
  }

  /** Polls until {@code /ready} answers {@code status} and the broker gauge reads {@code connected}. */
  static void awaitBrokerState(NodeProcess n, int status, double connected, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      int ready = get(n.port(), "/ready").statusCode();
      double gauge = metric(n, "switchboard_cluster_broker_connected");
      if (ready == status && gauge == connected) {
        return;
      }
      last = "/ready " + ready + ", cluster_broker_connected " + gauge;
      Thread.sleep(100); // the node notices the broker on its own schedule; bounded poll
    }
    throw new AssertionError("node on port " + n.port() + ": expected /ready " + status
        + " and cluster_broker_connected " + connected + " but saw " + last);
  }

  private static String ok(Result r) {
    if (r.getStatus() != Result.Status.SUCCESS) {
      throw new AssertionError("API call failed: " + r.getHttpStatus() + " " + r.getMessage());
    }
    return r.getMessage();
  }

  /** Polls every node until its view equals {@code expected}; fails with the last differing view. */
  static void awaitView(Iterable<NodeProcess> nodes, Map<String, String> expected) throws Exception {
    for (NodeProcess n : nodes) {
      Map<String, String> last = null;
      long deadline = System.currentTimeMillis() + 8_000;
      while (System.currentTimeMillis() < deadline) {
        last = clusterView(n);
        if (last.equals(expected)) {
          break;
        }
        Thread.sleep(100); // the cluster converges asynchronously; bounded poll
      }
      org.junit.jupiter.api.Assertions.assertEquals(expected, last, "what node on port " + n.port() + " answers");
    }
  }
}
