package dev.switchboard.webhook;

import com.pusher.client.Pusher;
import dev.switchboard.NodeProcess;
import dev.switchboard.cluster.BrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Channel webhooks in a cluster are sent by the channel's owner among the live nodes. Right after the broker
 * dies the peers still count as live (until node_timeout), but the owner can no longer hear of another node's
 * transitions: found by scripts/chaos.sh, which lost every channel and member webhook of the first seconds of a
 * Redis outage. Every channel occupied on a node cut off from the broker must still reach the receiver.
 */
class WebhookBrokerOutageIT {
  private static final int CHANNELS = 8; // all 8 owned by this node by chance: 1 in 256

  @Test
  void channelsOccupiedWhileTheBrokerIsDownWithinTheNodeTimeoutAreStillReported() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
    BrokerProcess redis = BrokerProcess.redis();
    Path config = Files.createTempFile("outage-webhooks", ".json");
    Files.writeString(config, """
        {"app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret",
          "webhooks":[{"url":"%s","event_types":["channel_occupied"]}]}]}}}
        """.formatted(receiver.url("/hooks")));
    var env = NodeProcess.env("ADAPTER_DRIVER", "redis", "REDIS_URL", "redis://127.0.0.1:" + redis.port(),
        "SWITCHBOARD_ADAPTER_REDIS_PREFIX", "it-outage-" + System.nanoTime(),
        "SWITCHBOARD_ADAPTER_HEARTBEAT_INTERVAL_MS", "250",
        "SWITCHBOARD_ADAPTER_NODE_TIMEOUT_MS", "30000"); // the peer stays "live" through the whole test
    try (NodeProcess one = NodeProcess.start("outage-webhooks-1", env, "--config", config.toString());
        NodeProcess two = NodeProcess.start("outage-webhooks-2", env, "--config", config.toString())) {
      redis.kill();
      awaitReady(one, 503);
      Pusher client = new Clients(one.port()).connect("u1");
      for (int i = 0; i < CHANNELS; i++) {
        Clients.subscribe(client, "outage-" + i);
      }
      for (int i = 0; i < CHANNELS; i++) {
        receiver.await("/hooks", "channel_occupied", "outage-" + i);
      }
      client.disconnect();
    } finally {
      redis.close();
      receiver.close();
    }
  }

  /** Polls /ready until it answers {@code status} (503: the node knows the broker is gone). */
  private static void awaitReady(NodeProcess node, int status) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 15_000;
    int last = 0;
    while (System.currentTimeMillis() < deadline) {
      last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(50); // polling the node's own answer; there is no event to wait on
    }
    throw new AssertionError("/ready answered " + last + ", not " + status);
  }
}
