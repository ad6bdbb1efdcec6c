package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestClient;
import dev.switchboard.TestServer;
import dev.switchboard.cluster.BrokerProcess;
import dev.switchboard.core.AppTap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A console open on one node of a Redis cluster shows what happens on another node, and cluster-wide counts. */
class ConsoleClusterIT {
  private static final String TOKEN = "console-cluster-token-0123456789";

  private static String config(int redisPort) {
    return """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,
         "app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"}]}},
         "adapter":{"driver":"redis","heartbeat_interval_ms":250,"node_timeout_ms":2000,
           "redis":{"prefix":"console-it-%d"}},
         "database":{"redis":{"host":"127.0.0.1","port":%d}},
         "console":{"enabled":true,"token":"%s"}}
        """.formatted(redisPort, redisPort, TOKEN);
  }

  @Test
  void theFeedOfOneNodeCarriesAnotherNodesLogAndTheClustersCounts() throws Exception {
    try (BrokerProcess redis = BrokerProcess.redis();
        TestServer one = TestServer.start(config(redis.port()), Map.of());
        TestServer two = TestServer.start(config(redis.port()), Map.of())) {
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (one.server().broker().peers() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(50); // polling the heartbeat's state with a deadline; nothing to await
      }
      String twoId = two.server().broker().nodeId();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + one.metricsPort()
          + "/console/api/apps/app-id/stream")).header("Authorization", "Bearer " + TOKEN).build();
      HttpResponse<Stream<String>> feed = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofLines());
      // node two logs from the first question node one asks it (within a second of the feed opening)
      var twoApp = two.server().hub().runtime("app-id");
      while (twoApp.tap() == AppTap.OFF && System.nanoTime() < deadline + 15_000_000_000L) {
        Thread.sleep(20); // polling a state with a deadline; nothing to await
      }
      try (Stream<String> lines = feed.body(); TestClient client = TestClient.connect(two.port(), "app-key",
          "app-secret", "u1")) {
        client.subscribe("cluster-news");
        Iterator<String> it = lines.iterator();
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
          boolean subscribed = false;
          boolean counted = false;
          while (!(subscribed && counted) && it.hasNext()) {
            String l = it.next();
            subscribed |= l.contains("\"kind\":\"subscribed\"") && l.contains("cluster-news")
                && l.contains("\"node\":\"" + twoId + "\"");
            counted |= l.contains("\"type\":\"stats\"") && l.contains("\"connections\":1")
                && l.contains("\"channels\":1");
          }
          return subscribed && counted;
        });
        assertTrue(seen.get(20, TimeUnit.SECONDS), "node two's subscription and the cluster's counts on node one");
      }
    }
  }
}
