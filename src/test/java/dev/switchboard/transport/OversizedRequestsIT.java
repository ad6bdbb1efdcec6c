package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.testing.HttpWire;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A URL, a block of headers or a body past the server's limits gets its own status (414, 431, 413) with a JSON
 * body, the connection closes, and everybody else is served as before.
 */
class OversizedRequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.DEFAULT_CONFIG.replace("\"event_loops\":2,",
        "\"event_loops\":2,\"http_api\":{\"request_limit_in_mb\":0.01},"), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** After each refusal, a Pusher client and a health check still get through. */
  @AfterEach
  void othersAreStillServed() throws Exception {
    try (RawSocket ws = RawSocket.pusher(server.port(), "app-key"); HttpWire h = HttpWire.open(server.port(),
        "127.0.0.1")) {
      ws.socketId();
      assertEquals(200, h.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(5_000).status());
    }
  }

  private static void assertRefused(HttpWire h, int status) throws Exception {
    HttpWire.Response r = h.read(5_000);
    assertEquals(status, r.status(), r.head());
    assertEquals(status, JSON.readTree(r.body()).get("code").asInt(), r.body());
    assertTrue(r.head().toLowerCase(java.util.Locale.ROOT).contains("connection: close"), r.head());
    assertTrue(h.closedWithin(5_000));
  }

  @Test
  void aUrlPastTheRequestLineLimitGets414OnTheApiAndOnTheWebSocketPath() throws Exception {
    String longQuery = "x=" + "a".repeat(HttpInboundHandler.MAX_LINE);
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      assertRefused(h.send("GET /apps/app-id/channels?" + longQuery + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
    }
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      assertRefused(h.send("GET /app/app-key?" + longQuery + " HTTP/1.1\r\nHost: x\r\n" + UPGRADE + "\r\n"), 414);
    }
  }

  @Test
  void headersPastTheLimitGet431() throws Exception {
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      String big = "X-Filler: " + "b".repeat(HttpInboundHandler.MAX_HEADERS) + "\r\n";
      assertRefused(h.send("GET /app/app-key HTTP/1.1\r\nHost: x\r\n" + UPGRADE + big + "\r\n"), 431);
    }
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        many.append("X-H").append(i).append(": ").append("c".repeat(20)).append("\r\n");
      }
      assertRefused(h.send("GET / HTTP/1.1\r\nHost: x\r\n" + many + "\r\n"), 431);
    }
  }

  @Test
  void aBodyDeclaredPastTheLimitGets413WithoutTheServerWaitingForIt() throws Exception {
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      // 10 MB announced, 1 KB sent: the answer must not wait for the rest
      h.send("POST /apps/app-id/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 10485760\r\n\r\n" + "{".repeat(1024));
      assertRefused(h, 413);
    }
  }

  @Test
  void aChunkedBodyPastTheLimitGets413AsSoonAsItPassesIt() throws Exception {
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
      String chunk = Integer.toHexString(8192) + "\r\n" + "d".repeat(8192) + "\r\n";
      h.send("POST /apps/app-id/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk);
      assertRefused(h, 413); // 16 KB of an endless body, past the 10 KB limit
    }
  }
}
