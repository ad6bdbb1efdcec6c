package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.rest.data.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM as a load balancer sees it, on a node in its own process: /ready turns 500 at once, sockets are
 * told to reconnect (4200), the HTTP API still answers, and the process ends when the grace period is over.
 */
class GracefulShutdownIT {
  private static final long GRACE_MS = 3_000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int status(NodeProcess n, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + n.hostPort() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void sigtermDrainsForTheGracePeriodWhileReadyAnswers500AndTheApiServes() throws Exception {
    NodeProcess node = NodeProcess.start("graceful", NodeProcess.env(
        "SWITCHBOARD_SHUTDOWN_GRACE_PERIOD_MS", Long.toString(GRACE_MS)));
    try (RawSocket open = RawSocket.pusher(node.port(), "app-key")) {
      open.socketId();
      assertEquals(200, status(node, "/ready"));
      long t0 = System.nanoTime();
      node.sigterm();

      assertEquals(4200, open.expect("pusher:error").get("data").get("code").asInt());
      assertEquals(4200, open.closeCode.get(5, TimeUnit.SECONDS));
      assertEquals(500, status(node, "/ready"), "the load balancer must see the node leave");

      try (RawSocket late = RawSocket.pusher(node.port(), "app-key")) {
        assertEquals(4200, late.expect("pusher:error").get("data").get("code").asInt(),
            "a new connection is sent elsewhere");
      }
      com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
      api.setHost(node.hostPort());
      api.setEncrypted(false);
      Result r = api.get("/channels");
      assertEquals(Result.Status.SUCCESS, r.getStatus(), "the HTTP API keeps answering: " + r.getMessage());
      assertEquals(200, status(node, "/"));
      long servingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(servingMs < GRACE_MS - 500, "the checks ran inside the grace period (" + servingMs + " ms)");
      assertEquals(500, status(node, "/ready"), "still draining");

      assertTrue(node.awaitExit(GRACE_MS + 8_000), "the process exits after the grace period");
      long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(exitMs >= GRACE_MS - 200, "held the whole grace period, exited after " + exitMs + " ms");
    } finally {
      node.close();
    }
  }
}
