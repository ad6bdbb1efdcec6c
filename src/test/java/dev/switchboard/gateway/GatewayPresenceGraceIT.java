package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.presence.offline_grace_ms}: a reconnect within the grace period is no OFFLINE and no second
 * ONLINE (a page reload does not flap); a user who stays away goes OFFLINE once the period has passed.
 */
class GatewayPresenceGraceIT {
  private static final String STREAM = "gw-grace-" + Long.toString(System.nanoTime(), 36);
  private static StreamEntries streams;
  private static TestServer server;

  @BeforeAll
  static void start() {
    streams = new StreamEntries();
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "gateway":{"auth":{"hmac_secret":"%s"},
           "presence":{"offline_grace_ms":1500,
             "sink":{"driver":"redis_stream","url":"redis://127.0.0.1:6379","stream":"%s"}}}}
        """.formatted(Tokens.SECRET, STREAM), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    streams.delete(STREAM);
    streams.close();
  }

  private static List<String> statuses(String user, int atLeast) throws Exception {
    return streams.await(STREAM, e -> user.equals(e.get("user_id")), atLeast).stream()
        .map(e -> e.get("body").contains("\"ONLINE\"") ? "ONLINE" : "OFFLINE").toList();
  }

  @Test
  void aReconnectWithinTheGraceIsNoFlapAndStayingAwayIsOfflineAfterIt() throws Exception {
    GatewayClient first = GatewayClient.connect(server.port(), "/gateway?authorization=" + Tokens.forUser("vic"));
    first.connectionId();
    assertEquals(List.of("ONLINE"), statuses("vic", 1));
    first.close();
    first.closed.get(5, TimeUnit.SECONDS);
    GatewayClient again = GatewayClient.connect(server.port(), "/gateway?authorization=" + Tokens.forUser("vic"));
    again.connectionId();
    again.close();
    again.closed.get(5, TimeUnit.SECONDS);
    long closedAt = System.currentTimeMillis();
    // the only OFFLINE comes after the second socket's grace: nothing in between
    assertEquals(List.of("ONLINE", "OFFLINE"), statuses("vic", 2));
    assertEquals(true, System.currentTimeMillis() - closedAt >= 1_000, "OFFLINE waited for the grace period");
    assertEquals(2, streams.all(STREAM).stream().filter(e -> "vic".equals(e.get("user_id"))).count(),
        "no OFFLINE and second ONLINE for the reconnect");
  }
}
