package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code max_connections_per_ip} and {@code max_connections_per_ip_per_second} on {@code /app/{key}}: past either,
 * the socket gets {@code pusher:error} 4100 and is closed with 4100 (pusher-js backs off and retries), the client
 * address comes from {@code ip_header} when set, and a closed socket gives its place back.
 */
class PusherIpLimitsIT {
  private static String config(String limits) {
    return TestServer.DEFAULT_CONFIG.replace("\"event_loops\":2,", "\"event_loops\":2," + limits + ",");
  }

  private static RawSocket from(TestServer s, String forwardedFor) throws Exception {
    return RawSocket.connect(s.port(), "/app/app-key?protocol=7&client=raw&version=1",
        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
  }

  private static void assertRefused4100(RawSocket s, String why) throws Exception {
    JsonNode err = s.expect("pusher:error");
    assertEquals(4100, err.get("data").get("code").asInt(), err.toString());
    assertTrue(err.get("data").get("message").asText().contains(why), err.toString());
    assertEquals(4100, s.closeCode.get(10, TimeUnit.SECONDS));
  }

  @Test
  void pastMaxConnectionsPerIpTheSocketGets4100AndAClosedSocketGivesItsPlaceBack() throws Exception {
    try (TestServer server = TestServer.start(config("\"max_connections_per_ip\":3,\"ip_header\":\"X-Forwarded-For\""),
        Map.of())) {
      List<RawSocket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawSocket s = from(server, "198.51.100.7");
          s.socketId();
          open.add(s);
        }
        try (RawSocket fourth = from(server, "198.51.100.7")) {
          assertRefused4100(fourth, "Too many connections");
        }
        // the proxy's last entry is the client: another address (and the proxy's own) still connect
        try (RawSocket other = from(server, "198.51.100.7, 203.0.113.9"); RawSocket direct = from(server, null)) {
          other.socketId();
          direct.socketId();
        }
        open.remove(0).close();
        RawSocket again = null;
        for (int attempt = 0; attempt < 50 && again == null; attempt++) {
          RawSocket s = from(server, "198.51.100.7"); // the close reaches the server asynchronously
          JsonNode first = s.received.poll(10, TimeUnit.SECONDS);
          if (first != null && first.path("event").asText().equals("pusher:connection_established")) {
            again = s;
          } else {
            s.close();
            Thread.sleep(100);
          }
        }
        assertTrue(again != null, "the place of the closed socket was not given back");
        open.add(again);
      } finally {
        open.forEach(RawSocket::close);
      }
    }
  }

  @Test
  void pastTheConnectRatePerIpTheSocketGets4100() throws Exception {
    try (TestServer server = TestServer.start(config("\"max_connections_per_ip_per_second\":4"), Map.of())) {
      List<RawSocket> open = new ArrayList<>();
      try {
        RawSocket refused = null;
        for (int i = 0; i < 12 && refused == null; i++) { // a burst of 4 passes, then the bucket refills at 4/s
          RawSocket s = from(server, null);
          JsonNode first = s.received.poll(10, TimeUnit.SECONDS);
          open.add(s);
          if (first != null && first.path("event").asText().equals("pusher:error")) {
            refused = s;
            assertEquals(4100, first.get("data").get("code").asInt(), first.toString());
            assertTrue(first.get("data").get("message").asText().contains("too fast"), first.toString());
            assertEquals(4100, s.closeCode.get(10, TimeUnit.SECONDS));
          }
        }
        assertTrue(refused != null, "12 connects in a row were all accepted at 4 per second");
      } finally {
        open.forEach(RawSocket::close);
      }
    }
  }

  @Test
  void withoutTheKeysOneAddressMayOpenManySockets() throws Exception {
    try (TestServer server = TestServer.start()) {
      List<RawSocket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          RawSocket s = from(server, null);
          s.socketId();
          open.add(s);
        }
      } finally {
        open.forEach(RawSocket::close);
      }
    }
  }
}
